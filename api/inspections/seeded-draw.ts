import { createHash } from 'node:crypto';

export const DRAW_ALGORITHM = 'es-a-res/sha256-v1';

/**
 * A uniform number in (0, 1) for one dossier, from SHA-256 of the seed and the dossier code: a
 * counter-based generator keyed by the seed. A sequential generator (seed → next → next…) would
 * tie each dossier's number to its position in the list, so one dossier more or less in the
 * population would reshuffle everybody's chances; here each dossier's ticket depends only on the
 * seed and its own code, and anyone can recompute it.
 */
export function uniformFor(seed: string, code: string): number {
  const h = createHash('sha256').update(seed, 'utf8').update('\u0000').update(code, 'utf8').digest();
  // 52 bits: exactly representable in a double; +0.5 keeps it strictly inside (0, 1).
  const n = h.readUIntBE(0, 6) * 16 + (h[6]! >> 4);
  return (n + 0.5) / 2 ** 52;
}

export type Candidate = { code: string; weight: number };
export type Drawn = Candidate & { position: number; key: number };

/**
 * Weighted sampling without replacement (Efraimidis and Spirakis, A-Res): each dossier gets the
 * key ln(u)/w and the k largest keys win, which draws with probability proportional to weight at
 * each pick. The same seed and population always give the same sample, in the same order.
 */
export function drawSample(seed: string, population: readonly Candidate[], k: number): Drawn[] {
  return population
    .filter((c) => c.weight > 0)
    .map((c) => ({ ...c, key: Math.log(uniformFor(seed, c.code)) / c.weight }))
    .sort((a, b) => b.key - a.key || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, Math.max(0, k))
    .map((c, position) => ({ ...c, position }));
}
