import type { ActionKind } from '../schemas/dossier-code.ts';

/**
 * What each action kind does to custody: the one table the custody model, the rules, rollups,
 * the workload generator and the profiles' tests read (DOMAIN.md, "What each does to custody").
 *
 * - `receive`: the actor starts holding the dossier (the desk's reception).
 * - `handover`: custody passes to the named receiver (to nobody known when none is named).
 * - `handover_if_named`: a hand-over when the page names a receiver (signing sends the dossier on
 *   to the next step's official), otherwise neutral.
 * - `pause`: the citizen's time starts (supplement request).
 * - `resume`: the pause ends and the named receiver (or the actor) holds it (supplement done).
 * - `recall`: the actor takes the dossier back.
 * - `end`: custody ends for good (refused, stopped, finished, result returned).
 * - `neutral`: custody stays as it is.
 */
export type CustodyEffect = 'receive' | 'handover' | 'handover_if_named' | 'pause' | 'resume' | 'recall' | 'end' | 'neutral';

export const ACTION_EFFECTS: Readonly<Record<ActionKind, CustodyEffect>> = {
  receive: 'receive',
  reject: 'end',
  forward: 'handover',
  return: 'handover',
  transfer: 'handover',
  supplement_request: 'pause',
  supplement_done: 'resume',
  update_result: 'neutral',
  approve: 'handover_if_named',
  stop: 'end',
  finish: 'end',
  return_result: 'end',
  recall: 'recall',
  apology: 'neutral',
};

const kindsWith = (...effects: CustodyEffect[]): ReadonlySet<ActionKind> =>
  new Set((Object.keys(ACTION_EFFECTS) as ActionKind[]).filter((k) => effects.includes(ACTION_EFFECTS[k])));

/** Kinds that pass custody to a receiver (approve only when one is named). */
export const HANDOVER_KINDS = kindsWith('handover', 'handover_if_named');
/** Kinds that end custody for good. */
export const END_KINDS = kindsWith('end');
/** Kinds that never change who holds the dossier. */
export const NEUTRAL_KINDS = kindsWith('neutral');

/** Whether this action, as captured, hands the dossier over (to a receiver, or to nobody known). */
export function handsOver(action: ActionKind, receiverNamed: boolean): boolean {
  const effect = ACTION_EFFECTS[action];
  return effect === 'handover' || (effect === 'handover_if_named' && receiverNamed);
}

/** Segment ends that mean the holder did their part: passed the dossier on, or brought it to an end. */
export const HANDLED_KINDS: ReadonlySet<ActionKind> = new Set([...HANDOVER_KINDS, ...END_KINDS]);

export function isHandledEnd(endedBy: string): boolean {
  return HANDLED_KINDS.has(endedBy as ActionKind);
}
