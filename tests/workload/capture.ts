/**
 * What the extension of each official would capture for one laid-out story: page opens, spans of
 * active handling, actions (hand-overs name the receiver's back-office account) and closes, at
 * their true instants. Clocks, batching and delivery come later (delivery.ts).
 */
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import type { Layout } from './layout.ts';
import type { Rng } from './prng.ts';
import type { Move, Story } from './story.ts';
import { MINUTE, type WorkTime } from './work-time.ts';

export interface CapturedFields {
  procedureCode: string;
  step: string;
  status: string;
  appointmentAt?: number;
  /** The official the page names as current handler (an account; generator.ts writes some as names). */
  handler?: string;
}

export interface Captured {
  id: string;
  official: string;
  kind: 'open' | 'close' | 'active' | 'action' | 'list_seen';
  /** True instant; for active spans, their end. */
  at: number;
  start?: number;
  action?: ActionKind;
  toAccount?: string;
  fields?: CapturedFields;
  /** Index of the dossier's story; null for list views and for dossiers made up by a forger. */
  story: number | null;
  /** The dossier code when `story` is null (a made-up dossier). */
  code?: string;
  /** list_seen: the dossier codes listed, with the handler each row names. */
  rows?: { code: string; handler?: string }[];
  /** The back-office account the page was signed in as, when not the official's own; null: none read. */
  backofficeUser?: string | null;
  /** Raw fields sent as they are (values no valid page gives: the ingest must refuse them). */
  rawFields?: Record<string, unknown>;
}

const SECOND = 1000;

const STATUS: Record<string, string> = {
  desk_clerk: 'Mới tiếp nhận',
  specialist: 'Đang xử lý',
  division_head: 'Chờ trình ký',
  agency_head: 'Chờ ký duyệt',
};

export function captureStory(story: Story, layout: Layout, storyIndex: number, now: number, rng: Rng, wt: WorkTime): Captured[] {
  const out: Captured[] = [];
  const p = story.procedure;
  // While a move is held the page names its holder as the current handler ("Cán bộ đang xử lý").
  const fields = (m: Move, extra: Partial<CapturedFields> = {}): CapturedFields => {
    const step = p.steps[m.step]!;
    // Pages show a step's name or its code; the API must match either.
    return {
      procedureCode: p.code,
      step: rng.chance(0.8) ? step.name : step.code,
      status: STATUS[step.role]!,
      handler: m.holder,
      ...extra,
    };
  };
  const withoutHandler = ({ handler: _, ...rest }: CapturedFields): CapturedFields => rest;
  // Whole milliseconds: the wire format (ISO instants) has no finer resolution.
  const emit = (e: Omit<Captured, 'id' | 'story'>) =>
    out.push({
      id: rng.uuid(),
      story: storyIndex,
      ...e,
      at: Math.round(e.at),
      ...(e.start === undefined ? {} : { start: Math.round(e.start) }),
    });
  const span = (official: string, start: number, length: number, limit: number) => {
    const end = Math.min(start + length, limit);
    if (end - start >= 10 * SECOND) emit({ official, kind: 'active', start, at: end });
  };
  const open = (official: string, at: number, m: Move) =>
    emit({ official, kind: 'open', at, fields: fields(m, rng.chance(0.3) ? { appointmentAt: layout.appointment } : {}) });
  const dayStart = (d: number) => wt.shifts(d)[0]?.[0];

  story.moves.forEach((m, i) => {
    const { from: F, at: A, resumeAt } = layout.moves[i]!;
    const H = m.holder;
    const role = p.steps[m.step]!.role;
    let first: number;
    if (i === 0) {
      // The desk opens the submission (no handler yet), then receives it: custody starts at the reception.
      emit({ official: H, kind: 'open', at: F - rng.between(20, 180) * SECOND, fields: withoutHandler(fields(m)) });
      emit({ official: H, kind: 'action', action: 'receive', at: F, fields: fields(m, { appointmentAt: layout.appointment }) });
      first = F;
    } else {
      const cap = m.pattern === 'idle' || m.pattern === 'viewed' ? 15 * MINUTE : Math.min(20 * MINUTE, 0.3 * m.work * SECOND);
      first = F + rng.between(MINUTE, Math.max(MINUTE + SECOND, cap));
      open(H, first, m);
    }
    const limit = m.pattern === 'idle' || m.pattern === 'viewed' ? now : A - 30 * SECOND;
    span(H, first + 5 * SECOND, rng.between(1, m.pattern === 'idle' ? 5 : 15) * MINUTE, limit);
    if (m.pattern === 'clean' && rng.chance(0.4)) {
      const start = rng.between(first + 20 * MINUTE, A - MINUTE);
      if (start > first + 20 * MINUTE) span(H, start, rng.between(1, 10) * MINUTE, limit);
    }
    // Later days: slow holders look at it every day, viewers keep opening it, clean ones at most once more.
    const lastDay = m.pattern === 'idle' ? -Infinity : wt.dayOf(m.pattern === 'viewed' ? now : A);
    for (let d = wt.dayOf(F) + 1; d <= lastDay; d++) {
      const base = dayStart(d);
      if (base === undefined) continue;
      const at = base + rng.between(10, m.pattern === 'slow' ? 90 : 60) * MINUTE;
      if (at <= F + MINUTE || at >= (m.pattern === 'viewed' ? now - 20 * MINUTE : A - 2 * MINUTE)) continue;
      open(H, at, m);
      span(H, at + 5 * SECOND, rng.between(1, m.pattern === 'slow' ? 25 : 8) * MINUTE, limit);
      if (m.pattern === 'clean') break;
    }
    if (m.pattern === 'idle' || m.pattern === 'viewed') return;
    const next = story.moves[i + 1];
    // Signing with the next official named is the hand-over itself (DOMAIN.md): half the heads do so.
    const signs = m.end.kind === 'handover' && m.end.action === 'forward' && role === 'agency_head' && !m.unnamed && rng.chance(0.5);
    if (m.end.kind === 'handover' && m.end.action === 'forward' && !signs) {
      const before = A - rng.between(10, 180) * SECOND;
      if (role === 'agency_head' && before > first + 10 * SECOND)
        emit({ official: H, kind: 'action', action: 'approve', at: before, fields: fields(m) });
      if (role === 'specialist' && rng.chance(0.3) && before > first + 10 * SECOND) {
        emit({ official: H, kind: 'action', action: 'update_result', at: before, fields: fields(m) });
      }
    }
    if (m.end.kind === 'handover') {
      emit({
        official: H,
        kind: 'action',
        action: signs ? 'approve' : m.end.action,
        ...(m.unnamed ? {} : { toAccount: m.end.to }),
        at: A,
        fields: fields(m),
      });
    } else if (m.end.kind === 'supplement') {
      emit({ official: H, kind: 'action', action: 'supplement_request', at: A, fields: fields(m, { status: 'Yêu cầu bổ sung giấy tờ' }) });
      const by = m.end.doneBy;
      const to = next!.holder;
      emit({
        official: by,
        kind: 'open',
        at: resumeAt! - rng.between(20, 120) * SECOND,
        fields: withoutHandler(fields(m, { status: 'Chờ bổ sung' })),
      });
      emit({
        official: by,
        kind: 'action',
        action: 'supplement_done',
        at: resumeAt!,
        ...(by === to ? {} : { toAccount: to }),
        fields: withoutHandler(fields(m, { status: 'Đã bổ sung' })),
      });
    } else {
      emit({ official: H, kind: 'action', action: 'return_result', at: A, fields: fields(m, { status: 'Đã trả kết quả' }) });
    }
    if (rng.chance(0.3)) emit({ official: H, kind: 'close', at: A + rng.between(5, 60) * SECOND });
  });
  return out.filter((e) => e.at <= now);
}
