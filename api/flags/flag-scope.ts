import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { unitsInScope } from '../auth/scope.ts';
import { ApiFailure } from '../http/errors.ts';
import type { FlagScope } from './flags.repository.ts';

/**
 * Which flags an official may read: a clerk only those that name them; inspectors and admins
 * those of their unit subtree. A query naming someone or somewhere else is refused, not narrowed.
 */
export async function flagScopeFor(db: Db, me: SessionOfficial, q: { officialId?: string; unitId?: string }): Promise<FlagScope> {
  if (me.role === 'clerk') {
    if (q.officialId && q.officialId !== me.id)
      throw new ApiFailure(403, 'forbidden', 'Chỉ xem được cảnh báo của chính mình / Only your own flags');
    return { kind: 'official', officialId: me.id };
  }
  const units = await unitsInScope(db, me);
  if (q.unitId && !units.has(q.unitId)) throw new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
  return { kind: 'units', units: [...units] };
}
