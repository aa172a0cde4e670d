import type { StoredEvent } from '../custody/types.ts';
import { dossierEvents, endOf, findAction } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

type HandoverAction = 'forward' | 'return' | 'transfer';
const HANDOVERS: ReadonlySet<string> = new Set<HandoverAction>(['forward', 'return', 'transfer']);

export interface Handover {
  from: string;
  to: string;
  at: number;
  action: HandoverAction;
  eventId: string | null;
}

/**
 * Captured hand-overs that changed hands: a forward to oneself (next step, same person) is not one,
 * nor is custody passing without a captured hand-over (that is an inference, not an act).
 */
export function handoversOf(input: RuleInput, events: readonly StoredEvent[]): Handover[] {
  const { segments } = input.timeline;
  const out: Handover[] = [];
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    if (!HANDOVERS.has(segment.endedBy) || next === undefined || segment.to === null) return;
    if (next.from !== segment.to || next.holderId === segment.holderId) return;
    const action = segment.endedBy as HandoverAction;
    const event = findAction(events, segment.to, action, segment.holderId);
    out.push({ from: segment.holderId, to: next.holderId, at: segment.to, action, eventId: event?.id ?? null });
  });
  return out;
}

/**
 * Pushing a dossier back and forth ("đùn đẩy"): `pairHandovers` or more hand-overs between the
 * same two officials in either direction, or `returns` or more returns to a previous step. The
 * official named is the sender of the hand-over that reached the threshold: that act made it a
 * pattern, and naming it keeps the flag's key fixed as the count grows. Both are in the details.
 */
export function pingPongRule(input: RuleInput): Flag[] {
  const cfg = input.settings.ping_pong;
  if (!cfg.enabled) return [];
  const events = dossierEvents(input);
  const handovers = handoversOf(input, events);
  const end = endOf(input);
  const flags: Flag[] = [];

  const emit = (group: Handover[], threshold: number, variant: string, details: Flag['details']): void => {
    if (group.length < threshold) return;
    const crossing = group[threshold - 1]!;
    flags.push(
      createFlag(input, {
        rule: 'ping_pong',
        variant,
        since: crossing.at,
        officialId: crossing.from,
        severity: escalate(group.length - threshold, cfg.severity),
        hoursOver: toHours(input.clock.workingSecondsBetween(crossing.at, end)),
        evidence: group.map((h) => h.eventId),
        details: {
          ...details,
          count: group.length,
          threshold,
          handovers: group.map((h) => ({ from: h.from, to: h.to, at: h.at, action: h.action })),
        },
      }),
    );
  };

  const pairs = new Map<string, Handover[]>();
  for (const h of handovers) {
    const pair = [h.from, h.to].sort().join('~');
    const list = pairs.get(pair);
    if (list) list.push(h);
    else pairs.set(pair, [h]);
  }
  for (const [pair, group] of pairs) {
    emit(group, cfg.pairHandovers, `pair:${pair}`, { kind: 'pair', pair: pair.split('~') });
  }
  emit(
    handovers.filter((h) => h.action === 'return'),
    cfg.returns,
    'returns',
    { kind: 'returns' },
  );
  return flags;
}
