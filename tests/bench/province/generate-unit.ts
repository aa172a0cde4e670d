import type { EventTable } from '../../../api/db/tables.ts';
import type { WorkingCalendar } from '../../../shared/calendar/index.ts';
import type { Prng } from '../support/prng.ts';
import { uuidFrom, type UnitStaff } from './roster.ts';

export type GeneratedEvent = Omit<EventTable, 'chain_seq' | 'prev_hash' | 'hash' | 'salt' | 'tag'>;
export type GeneratedDossier = { code: string; events: GeneratedEvent[] };

const HOUR = 3600;
const PROCEDURES = Array.from({ length: 40 }, (_, i) => `1.${String(1000 + i * 37).padStart(6, '0')}.000.00.00.H32`);
const STEPS = { desk: 'Tiếp nhận hồ sơ', specialist: 'Thẩm định hồ sơ', head: 'Trình lãnh đạo phòng', leader: 'Phê duyệt' } as const;

const dayStart = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const ceilSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;

export function workingDaysOf(year: number, calendar: WorkingCalendar): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${year}-01-01T00:00:00Z`); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) out.push(day);
  }
  return out;
}

/**
 * One unit's year of dossiers, as the extension would have captured them: reception at the
 * desk, examination by a specialist (with an active span), a division head, sometimes a leader,
 * then closing. Times are whole seconds and strictly increasing per dossier, so the plain SQL of
 * the stats benchmark can rebuild the same custody segments the derivation builds. Dossiers whose
 * next step would fall after the year are left in the hands of their current holder.
 */
export function generateUnitYear(
  staff: UnitStaff,
  count: number,
  days: readonly string[],
  calendar: WorkingCalendar,
  rng: Prng,
  yearEnd: number,
  accountOf: (officialId: string) => string,
): GeneratedDossier[] {
  const out: GeneratedDossier[] = [];
  const perDay = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const day = days[Math.floor((i / count) * days.length)]!;
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    const code = `${staff.unitId}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(n).padStart(4, '0')}`;
    out.push(generateDossier(code, staff, day, calendar, rng, yearEnd, accountOf));
  }
  return out;
}

function generateDossier(
  code: string,
  staff: UnitStaff,
  day: string,
  calendar: WorkingCalendar,
  rng: Prng,
  yearEnd: number,
  account: (officialId: string) => string,
): GeneratedDossier {
  const procedure = rng.pick(PROCEDURES);
  const t0 = ceilSecond(calendar.addWorkingTime(dayStart(day), rng.int(0, 8 * HOUR - 60)));
  const appointment = calendar.dueDate(t0, rng.pick([5, 10, 15]), 'working_days');
  const chain: { official: string; step: string; seconds: number }[] = [
    { official: rng.pick(staff.desk), step: STEPS.desk, seconds: rng.int(600, 4 * HOUR) },
    { official: rng.pick(staff.specialists), step: STEPS.specialist, seconds: Math.round(HOUR * Math.exp(rng.next() * Math.log(80))) },
    { official: rng.pick(staff.heads), step: STEPS.head, seconds: rng.int(1800, 16 * HOUR) },
  ];
  if (rng.chance(0.3)) chain.push({ official: rng.pick(staff.leaders), step: STEPS.leader, seconds: rng.int(HOUR, 16 * HOUR) });

  const events: GeneratedEvent[] = [];
  const event = (official: string, at: number, over: Partial<GeneratedEvent>): void => {
    events.push({
      unit_id: staff.unitId,
      id: uuidFrom(rng),
      official_id: official,
      kind: 'action',
      dossier_code: code,
      action: null,
      to_account: null,
      to_official_id: null,
      procedure_code: procedure,
      status: 'Đang xử lý',
      step: null,
      appointment_at: null,
      at,
      client_at: at,
      start_at: null,
      end_at: null,
      active_ms: null,
      received_at: at + rng.int(1, 120) * 1000,
      skew_ms: 0,
      profile_id: 'bench',
      profile_version: 1,
      backoffice_user: null,
      identity_mismatch: 0,
      extra: null,
      ...over,
    });
  };

  event(chain[0]!.official, t0, { action: 'receive', step: STEPS.desk, status: 'Được tiếp nhận', appointment_at: appointment });
  let from = t0;
  for (const [i, holder] of chain.entries()) {
    const to = Math.max(from + 60_000, ceilSecond(calendar.addWorkingTime(from, holder.seconds)));
    if (to >= yearEnd) break;
    // Specialists always, desk clerks sometimes, record an active span inside their own custody.
    if (i === 1 || (i === 0 && rng.chance(0.2))) {
      const span = Math.min(12 * HOUR * 1000, Math.max(60_000, Math.floor(((to - from) * rng.next() * 0.5) / 1000) * 1000));
      const start = from + Math.floor(((to - from - span) * rng.next()) / 1000) * 1000;
      event(holder.official, start + span, {
        kind: 'active',
        action: null,
        procedure_code: null,
        status: null,
        start_at: start,
        end_at: start + span,
        active_ms: span,
      });
    }
    const next = chain[i + 1];
    if (next)
      event(holder.official, to, {
        action: 'forward',
        step: holder.step,
        to_account: account(next.official),
        to_official_id: next.official,
      });
    else event(holder.official, to, { action: 'finish', step: holder.step, status: 'Đã xử lý xong' });
    from = to;
  }
  return { code, events };
}
