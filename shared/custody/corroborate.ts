import type { ActionKind } from '../schemas/dossier-code.ts';
import type { StoredEvent } from './types.ts';

/** One action of the back-office's own handling log, its officials resolved (null: unknown account). */
export interface LoggedAction {
  key: string;
  dossierCode: string;
  officialId: string | null;
  toOfficialId: string | null;
  action: ActionKind;
  at: number;
  step: string | null;
  procedureCode: string | null;
}

/** Back-offices print minutes; a captured instant is seconds after the click, or a corrected clock's skew. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

export interface Pairing {
  /** [captured index, logged index] */
  pairs: [number, number][];
  /**
   * A logged action whose account resolved to nobody, beside a captured one of the same dossier
   * and kind: not a contradiction (the account may just not be configured), not corroboration.
   */
  loose: [number, number][];
  onlyCaptured: number[];
  onlyLogged: number[];
}

type Act = { dossierCode: string; officialId: string | null; action?: ActionKind | undefined; at: number };

/**
 * Pairs captured actions with logged ones: same dossier, same official, same kind, instants
 * within `toleranceMs`; each logged action takes the nearest captured one still free. Pure.
 */
export function pairActions(captured: readonly Act[], logged: readonly Act[], toleranceMs = DEFAULT_TOLERANCE_MS): Pairing {
  const keyOf = (a: Act) => `${a.dossierCode}|${a.officialId}|${a.action}`;
  const free = new Map<string, number[]>();
  captured.forEach((c, i) => {
    if (c.officialId === null) return;
    const k = keyOf(c);
    const list = free.get(k);
    if (list) list.push(i);
    else free.set(k, [i]);
  });
  const pairs: [number, number][] = [];
  const onlyLogged: number[] = [];
  const order = logged.map((_, i) => i).sort((a, b) => logged[a]!.at - logged[b]!.at || a - b);
  for (const li of order) {
    const l = logged[li]!;
    const list = l.officialId === null ? undefined : free.get(keyOf(l));
    let best = -1;
    for (let j = 0; list && j < list.length; j++) {
      const d = Math.abs(captured[list[j]!]!.at - l.at);
      if (d <= toleranceMs && (best < 0 || d < Math.abs(captured[list[best]!]!.at - l.at))) best = j;
    }
    if (best < 0) onlyLogged.push(li);
    else pairs.push([list!.splice(best, 1)[0]!, li]);
  }
  const paired = new Set(pairs.map(([c]) => c));
  const loose: [number, number][] = [];
  const unresolved = onlyLogged.filter((li) => logged[li]!.officialId === null);
  for (const li of unresolved) {
    const l = logged[li]!;
    let best = -1;
    captured.forEach((c, ci) => {
      if (paired.has(ci) || c.dossierCode !== l.dossierCode || c.action !== l.action || Math.abs(c.at - l.at) > toleranceMs) return;
      if (best < 0 || Math.abs(c.at - l.at) < Math.abs(captured[best]!.at - l.at)) best = ci;
    });
    if (best >= 0) {
      paired.add(best);
      loose.push([best, li]);
    }
  }
  const looseLogged = new Set(loose.map(([, l]) => l));
  const onlyCaptured = captured.map((_, i) => i).filter((i) => !paired.has(i));
  return { pairs, loose, onlyCaptured, onlyLogged: onlyLogged.filter((l) => !looseLogged.has(l)) };
}

/**
 * A dossier's captured events with the back-office's log as a second witness: a captured action
 * the log also has is marked `both`; a logged action nobody captured joins as an `imported`
 * event of the official the log names; a captured action inside a period the log covers
 * (`covered`) that the log does not have is marked disputed, and custody leaves it out.
 */
export function corroborate<E extends StoredEvent>(
  events: readonly E[],
  logged: readonly LoggedAction[],
  covered: (at: number) => boolean,
  toleranceMs = DEFAULT_TOLERANCE_MS,
  makeEvent: (l: LoggedAction & { officialId: string }) => E = (l) => importedEvent(l) as E,
): E[] {
  if (logged.length === 0 && !events.some((e) => e.kind === 'action' && covered(e.at))) return [...events];
  const actions = events.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'action' && e.action !== undefined);
  // Loose pairs (the log's account is not configured here) leave the captured action as it is.
  const { pairs, onlyCaptured, onlyLogged } = pairActions(
    actions.map(({ e }) => e),
    logged,
    toleranceMs,
  );
  const out: E[] = [...events];
  for (const [c] of pairs) out[actions[c]!.i] = { ...actions[c]!.e, witness: 'both' };
  for (const c of onlyCaptured) {
    const { e, i } = actions[c]!;
    if (covered(e.at)) out[i] = { ...e, disputed: true };
  }
  for (const li of onlyLogged) {
    const l = logged[li]!;
    if (l.officialId !== null) out.push(makeEvent({ ...l, officialId: l.officialId }));
  }
  return out;
}

export function importedEvent(l: LoggedAction & { officialId: string }): StoredEvent {
  return {
    id: `log:${l.key}`,
    kind: 'action',
    officialId: l.officialId,
    at: l.at,
    dossierCode: l.dossierCode,
    action: l.action,
    toOfficialId: l.toOfficialId,
    step: l.step,
    witness: 'imported',
  };
}
