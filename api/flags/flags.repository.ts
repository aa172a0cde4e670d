import type { Db } from '../db/connect.ts';
import { flagView } from './flag-view.ts';
import { justifiedFlagKeys } from '../explanations/justified.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { SEVERITY_RANK } from '../../shared/rules/types.ts';
import type { FlagListQuery } from './flags.schemas.ts';

export { flagListQuerySchema, type FlagListQuery } from './flags.schemas.ts';

export type FlagScope = { kind: 'official'; officialId: string } | { kind: 'units'; units: string[] };

/** Worst first: severity, then working hours over the threshold, then the oldest. */
export async function listFlags(db: Db, scope: FlagScope, q: FlagListQuery, now: number) {
  const base = db.selectFrom('flags').where((eb) => {
    const units = scope.kind === 'units' ? (scope.units.length ? scope.units : ['']) : [];
    const c = [
      scope.kind === 'official'
        ? eb('official_id', '=', scope.officialId)
        : eb.or([eb('responsible_unit_id', 'in', units), eb('unit_id', 'in', units)]),
    ];
    if (q.unitId) c.push(eb('responsible_unit_id', '=', q.unitId));
    if (q.rule) c.push(eb('rule', '=', q.rule));
    if (q.severity) c.push(eb('severity_rank', '<=', SEVERITY_RANK[q.severity]));
    if (q.minAgeHours !== undefined) c.push(eb('since', '<=', now - q.minAgeHours * 3600_000));
    if (q.officialId) c.push(eb('official_id', '=', q.officialId));
    // A flag is filed under its dossier's unit: naming it lets the (unit_id, dossier_code) index serve.
    if (q.dossierCodes)
      c.push(eb('unit_id', 'in', [...new Set(q.dossierCodes.map(unitOfDossier))]), eb('dossier_code', 'in', q.dossierCodes));
    if (q.status === 'open') c.push(eb('closed_at', 'is', null));
    if (q.status === 'closed') c.push(eb('closed_at', 'is not', null));
    return eb.and(c);
  });
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll()
    .orderBy('severity_rank')
    .orderBy('hours_over', 'desc')
    .orderBy('since')
    .orderBy('key')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const count = Number(total?.n ?? 0);
  const justified = await justifiedFlagKeys(
    db,
    rows.map((f) => f.key),
  );
  return {
    flags: rows.map((f) => ({ ...flagView(f, now), justified: justified.has(f.key) })),
    page: { limit: q.limit, offset: q.offset, total: count, nextOffset: q.offset + rows.length < count ? q.offset + rows.length : null },
  };
}
