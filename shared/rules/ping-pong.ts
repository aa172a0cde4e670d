import { HANDOVER_KINDS } from '../custody/action-effects.ts';
import type { StoredEvent } from '../custody/types.ts';
import type { ActionKind } from '../schemas/dossier-code.ts';
import { dossierEvents, endOf, findAction, recordSegments } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

export interface Handover {
  from: string;
  to: string;
  at: number;
  action: ActionKind;
  eventId: string | null;
}

/**
 * Captured hand-overs that changed hands between confirmed custodies: a forward to oneself (next
 * step, same person) is not one, nor is custody passing without a captured hand-over (that is an
 * inference, not an act), nor one the receiver never took up (a claim, not a hand-over yet).
 */
export function handoversOf(input: RuleInput, events: readonly StoredEvent[]): Handover[] {
  const segments = recordSegments(input.timeline);
  const out: Handover[] = [];
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    if (!HANDOVER_KINDS.has(segment.endedBy as ActionKind) || next === undefined || segment.to === null) return;
    if (next.from !== segment.to || next.holderId === segment.holderId) return;
    if (segment.evidence !== 'confirmed' || next.evidence !== 'confirmed') return;
    const action = segment.endedBy as ActionKind;
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
