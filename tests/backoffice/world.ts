/** The simulated back-office's whole state: data store, sessions, and how to reset it. */
import { seedStore } from './seed.ts';
import { SessionStore } from './sessions.ts';
import { createEmptyStore, setClock, type Store } from './store.ts';

export interface World {
  store: Store;
  sessions: SessionStore;
}

export interface ResetOptions {
  seed?: number;
  /** Seed relative to this instant and set the clock to it; real time when absent. */
  now?: Date;
  /** With `now`: keep the clock standing at `now` (default) or let it run on from there. */
  frozen?: boolean;
}

export const DEFAULT_SEED = 1;

export function createWorld(opts: { seed?: number; now?: Date; frozen?: boolean; latencyMs?: number } = {}): World {
  const world: World = { store: createEmptyStore(opts.seed ?? DEFAULT_SEED, opts.latencyMs), sessions: new SessionStore() };
  resetWorld(world, opts);
  return world;
}

/** Sessions survive a reset: accounts do not change, and a signed-in test page stays usable. */
export function resetWorld(world: World, opts: ResetOptions = {}): void {
  const s = world.store;
  const seed = opts.seed ?? s.seed;
  setClock(s, opts.now ?? null, opts.frozen ?? true);
  seedStore(s, seed, opts.now ?? new Date());
  s.brokenMarkup = { spa: false, classic: false };
}
