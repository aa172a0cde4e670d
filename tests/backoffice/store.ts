/**
 * The in-memory state of the simulated back-office and its clock. Everything mutable lives
 * here so a reset swaps it wholesale and both variants always see the same dossiers.
 */
import type { Dossier, TruthAction } from './model.ts';
import { codeDay } from './format.ts';

export interface Clock {
  /** The clock stands still at this instant (ms) when frozen. */
  frozenAt: number | null;
  /** Added to the real time when the clock runs but was set to another instant. */
  offsetMs: number;
}

export interface Store {
  seed: number;
  dossiers: Dossier[];
  byId: Map<number, Dossier>;
  byCode: Map<string, Dossier>;
  truth: TruthAction[];
  clock: Clock;
  /** Per variant: render the altered markup whose dossier-code hooks are renamed. */
  brokenMarkup: { spa: boolean; classic: boolean };
  /** Last sequence number used per `{unit}-{yyMMdd}`. */
  daySeq: Map<string, number>;
  nextId: number;
  /** Artificial latency of the single-page app's JSON calls, so content appears late as on real systems. */
  latencyMs: number;
}

export function createEmptyStore(seed: number, latencyMs = 250): Store {
  return {
    seed,
    dossiers: [],
    byId: new Map(),
    byCode: new Map(),
    truth: [],
    clock: { frozenAt: null, offsetMs: 0 },
    brokenMarkup: { spa: false, classic: false },
    daySeq: new Map(),
    nextId: 48_201,
    latencyMs,
  };
}

export function now(store: Store): Date {
  const c = store.clock;
  return new Date(c.frozenAt ?? Date.now() + c.offsetMs);
}

/** Sets the clock to `at` (frozen, or running on from there), or back to real time when null. */
export function setClock(store: Store, at: Date | null, frozen = true): void {
  if (!at) store.clock = { frozenAt: null, offsetMs: 0 };
  else if (frozen) store.clock = { frozenAt: at.getTime(), offsetMs: 0 };
  else store.clock = { frozenAt: null, offsetMs: at.getTime() - Date.now() };
}

/** Next dossier code for the unit on the local day of `at`; `gap` skips numbers taken by dossiers outside the demo. */
export function nextCode(store: Store, unitId: string, at: Date, gap = 1): string {
  const key = `${unitId}-${codeDay(at)}`;
  const seq = (store.daySeq.get(key) ?? 0) + gap;
  store.daySeq.set(key, seq);
  return `${key}-${String(seq).padStart(4, '0')}`;
}

export function addDossier(store: Store, d: Dossier): void {
  store.dossiers.push(d);
  store.byId.set(d.id, d);
  store.byCode.set(d.code, d);
}

export function clearDossiers(store: Store): void {
  store.dossiers = [];
  store.byId.clear();
  store.byCode.clear();
  store.truth = [];
  store.daySeq.clear();
  store.nextId = 48_201;
}
