import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE_RE, PROCEDURE_CODE_RE } from '../../shared/schemas/dossier.ts';
import { BACKOFFICE_UNIT_IDS, DEMO_OFFICIALS, officialByUsername } from '../../shared/demo/roster.ts';
import { QUEUES } from './queues.ts';
import { createWorld, resetWorld } from './world.ts';

const NOW = new Date('2025-11-20T09:30:00+07:00');
const dangXuLy = QUEUES.find((q) => q.key === 'dang-xu-ly')!;

describe('deterministic seed', () => {
  it('gives the same world for the same seed and instant, and another for another seed', () => {
    const a = JSON.stringify(createWorld({ seed: 7, now: NOW }).store.dossiers);
    const b = JSON.stringify(createWorld({ seed: 7, now: NOW }).store.dossiers);
    const c = JSON.stringify(createWorld({ seed: 8, now: NOW }).store.dossiers);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('resets in well under a second and clears the truth', () => {
    const world = createWorld({ seed: 1, now: NOW });
    world.store.truth.push({
      seq: 1,
      at: NOW.toISOString(),
      account: 'x',
      action: 'receive',
      dossierCode: 'x',
      stepBefore: null,
      stepAfter: null,
      toAccount: null,
      variant: 'spa',
    });
    const started = performance.now();
    resetWorld(world, { seed: 3, now: NOW });
    expect(performance.now() - started).toBeLessThan(500);
    expect(world.store.truth).toEqual([]);
    expect(world.store.seed).toBe(3);
  });

  for (const seed of [1, 2, 99, 12345]) {
    it(`seed ${seed}: ~40 dossiers per unit, well-formed codes, every official busy, some late`, () => {
      const { store } = createWorld({ seed, now: NOW });
      for (const unit of BACKOFFICE_UNIT_IDS) expect(store.dossiers.filter((d) => d.unitId === unit).length).toBeGreaterThanOrEqual(40);
      const codes = store.dossiers.map((d) => d.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const d of store.dossiers) {
        expect(d.code).toMatch(DOSSIER_CODE_RE);
        expect(d.code.startsWith(`${d.unitId}-`)).toBe(true);
        expect(d.procedureCode).toMatch(PROCEDURE_CODE_RE);
        expect(d.applicant.idNumber).toMatch(/^\d{12}$/);
      }
      for (const o of DEMO_OFFICIALS.filter((x) => x.backofficeRole)) {
        expect(
          store.dossiers.some((d) => d.handler === o.username && [2, 4, 5, 9].includes(d.status)),
          o.username,
        ).toBe(true);
      }
      const cv1 = officialByUsername('chuyenvien1')!;
      expect(store.dossiers.filter((d) => dangXuLy.test(d, cv1, NOW)).length).toBeGreaterThanOrEqual(3);
      const late = store.dossiers.filter((d) => [2, 4, 5].includes(d.status) && Date.parse(d.appointmentAt!) < NOW.getTime());
      expect(late.length).toBeGreaterThanOrEqual(3);
      for (const s of [1, 2, 3, 4, 5, 8, 9, 10])
        expect(
          store.dossiers.some((d) => d.status === s),
          `status ${s}`,
        ).toBe(true);
      expect(store.dossiers.some((d) => d.apologies.length > 0)).toBe(true);
    });
  }

  it('numbers codes per unit and day in submission order', () => {
    const { store } = createWorld({ seed: 5, now: NOW });
    const last = new Map<string, number>();
    for (const d of store.dossiers) {
      const key = d.code.slice(0, -5);
      const n = Number(d.code.slice(-4));
      expect(n).toBeGreaterThan(last.get(key) ?? 0);
      last.set(key, n);
    }
  });
});
