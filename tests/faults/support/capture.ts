import type { CaptureEvent } from '../../../shared/schemas/events.ts';
import { ACTION_KINDS } from '../../../shared/schemas/dossier.ts';
import { uuidFrom } from '../../bench/province/roster.ts';
import type { Prng } from '../../bench/support/prng.ts';

export const DEMO_UNIT = '000.00.12.H32';
export const DEMO_CLERKS = ['motcua1', 'chuyenvien1', 'chuyenvien2', 'lanhdao1'] as const;
const PROFILE = { id: 'backoffice-spa', version: 1 };
const STEPS = ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Trình lãnh đạo phòng', 'Phê duyệt'];

export const dossierCodes = (n: number, day = '251117') =>
  Array.from({ length: n }, (_, i) => `${DEMO_UNIT}-${day}-${String(i + 1).padStart(4, '0')}`);

/**
 * What one official's pages produce over a short while: opens, active spans, actions (hand-overs
 * name another demo account) and closes over a shared set of dossiers, so custody, flags and
 * rollups all have work to do and officials' events interleave on the same dossiers.
 */
export function captureBurst(rng: Prng, count: number, codes: readonly string[], now = Date.now()): CaptureEvent[] {
  const out: CaptureEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = now - rng.int(0, 20_000);
    const base = { id: uuidFrom(rng), at: new Date(at).toISOString(), profile: PROFILE, dossierCode: rng.pick(codes) };
    const fields = { status: 'Đang xử lý', step: rng.pick(STEPS), procedureCode: '1.001193.000.00.00.H32' };
    const roll = rng.next();
    if (roll < 0.35) out.push({ ...base, kind: 'active', start: new Date(at - rng.int(1, 600) * 1000).toISOString(), end: base.at });
    else if (roll < 0.55) out.push({ ...base, kind: 'open', fields });
    else if (roll < 0.9) {
      const action = rng.pick(ACTION_KINDS);
      out.push({ ...base, kind: 'action', action, fields, ...(rng.chance(0.7) ? { toAccount: rng.pick(DEMO_CLERKS) } : {}) });
    } else out.push({ ...base, kind: 'close' });
  }
  return out;
}
