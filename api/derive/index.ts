export { markDirty, enqueue, claimBatch, queueLength } from './queue.repository.ts';
export { deriveNow, drainQueue } from './derive-runner.ts';
export { deriveBatch, deriveDossier } from './derive-dossier.ts';
export { startDeriveWorker } from './derive-worker.ts';
export type { DeriveWorker, DeriveWorkerOptions } from './derive-worker.ts';
export { rebuildDerived, DERIVED_TABLES } from './rebuild.ts';
export type { RebuildProgress } from './rebuild.ts';
