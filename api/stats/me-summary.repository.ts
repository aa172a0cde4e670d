import type { Db } from '../db/connect.ts';
import { addDays, localDate, weekStart } from '../derive/local-day.ts';
import { dayPeriod, periodView, type DayPeriod } from './day-period.ts';
import { addTotals, hours, zeroTotals } from './rollup-figures.ts';
import { sumRollups } from './rollup-reads.ts';

/** Rules that say a dossier the official holds needs them soon or now. */
const AT_RISK_RULES = ['overdue', 'due_soon', 'idle_at_holder', 'step_over_allotment', 'viewed_not_acted'];

async function ownFigures(db: Db, officialId: string, p: DayPeriod) {
  const [sums] = await sumRollups(db, { officialId }, [], p);
  const t = addTotals(zeroTotals(), sums ?? { segments: 0, handled: 0, working_ms: 0, active_ms: 0 });
  // Dossiers they took part in that finished in the period, judged against their appointment.
  const finished = await db
    .selectFrom('dossiers')
    .select((eb) => ['timeliness', eb.fn.countAll<number>().as('n')])
    .where('finished_at', '>=', p.fromMs)
    .where('finished_at', '<', p.toMs)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('segments')
          .select('segments.seq')
          .whereRef('segments.unit_id', '=', 'dossiers.unit_id')
          .whereRef('segments.dossier_code', '=', 'dossiers.code')
          .where('segments.holder_id', '=', officialId)
          .where('segments.evidence', '=', 'confirmed')
          .where('segments.contested', '=', 0),
      ),
    )
    .groupBy('timeliness')
    .execute();
  const count = (s: string) => Number(finished.find((r) => r.timeliness === s)?.n ?? 0);
  const judged = count('early') + count('on_time') + count('late');
  return {
    period: periodView(p),
    handled: t.handled,
    segments: t.segments,
    workingHours: hours(t.workingMs),
    activeHours: hours(t.activeMs),
    dossiersFinished: finished.reduce((n, r) => n + Number(r.n), 0),
    onTimeShare: judged === 0 ? null : Math.round(((count('early') + count('on_time')) / judged) * 10_000) / 10_000,
  };
}

/** A clerk's own figures for today and this week (Monday on), and their dossiers at risk now. */
export async function meSummary(db: Db, officialId: string, now: number) {
  const today = localDate(now);
  const holding = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('current_holder_id', '=', officialId)
    .where('holder_evidence', '=', 'confirmed')
    .executeTakeFirst();
  const flags = await db
    .selectFrom('flags')
    .innerJoin('dossiers', (j) => j.onRef('dossiers.unit_id', '=', 'flags.unit_id').onRef('dossiers.code', '=', 'flags.dossier_code'))
    .select([
      'flags.dossier_code',
      'flags.rule',
      'flags.severity',
      'flags.since',
      'flags.hours_over',
      'flags.details',
      'dossiers.current_step',
      'dossiers.effective_appointment_at',
    ])
    .where('flags.official_id', '=', officialId)
    .where('flags.closed_at', 'is', null)
    .where('flags.rule', 'in', AT_RISK_RULES)
    .where('dossiers.finished_at', 'is', null)
    .orderBy('flags.severity_rank')
    .orderBy('flags.hours_over', 'desc')
    .limit(100)
    .execute();
  return {
    today: await ownFigures(db, officialId, dayPeriod(today, today)),
    week: await ownFigures(db, officialId, dayPeriod(weekStart(today), addDays(weekStart(today), 6))),
    holding: Number(holding?.n ?? 0),
    atRisk: flags.map((f) => {
      const details = JSON.parse(f.details) as { remainingHours?: number };
      return {
        dossierCode: f.dossier_code,
        rule: f.rule,
        severity: f.severity,
        step: f.current_step,
        since: new Date(Number(f.since)).toISOString(),
        hoursOver: Number(f.hours_over),
        // Working hours left before the threshold: due_soon says it; past due it is negative.
        hoursLeft:
          typeof details.remainingHours === 'number' ? details.remainingHours : f.rule === 'overdue' ? -Number(f.hours_over) : null,
        appointmentAt: f.effective_appointment_at === null ? null : new Date(Number(f.effective_appointment_at)).toISOString(),
      };
    }),
  };
}
