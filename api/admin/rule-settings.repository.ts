import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { isoAt } from './db-errors.ts';
import type { RuleScope, RuleSettingsView } from './rule-settings.schemas.ts';

export async function getRuleSettings(db: Db, scope: RuleScope): Promise<RuleSettingsView> {
  const row = await db
    .selectFrom('rule_settings')
    .selectAll()
    .where('scope_kind', '=', scope.kind)
    .where('scope_id', '=', scope.id)
    .executeTakeFirst();
  return {
    scope: { kind: scope.kind, id: scope.id },
    settings: row ? (JSON.parse(row.settings) as Record<string, unknown>) : null,
    updatedAt: row ? isoAt(row.updated_at) : null,
    updatedBy: row?.updated_by ?? null,
  };
}

/** Replaces the settings of one scope; the target unit or procedure must exist. */
export async function putRuleSettings(
  db: Db,
  scope: RuleScope,
  settings: Record<string, unknown>,
  by: string | null,
  now: number,
): Promise<RuleSettingsView> {
  if (scope.kind !== 'default') {
    const found =
      scope.kind === 'unit'
        ? await db.selectFrom('units').select('id').where('id', '=', scope.id).executeTakeFirst()
        : await db.selectFrom('procedures').select('code').where('code', '=', scope.id).executeTakeFirst();
    if (!found) throw new ApiFailure(404, 'not_found', `Không tìm thấy ${scope.kind} ${scope.id} / ${scope.kind} not found`);
  }
  const values = { scope_kind: scope.kind, scope_id: scope.id, settings: JSON.stringify(settings), updated_at: now, updated_by: by };
  await db
    .insertInto('rule_settings')
    .values(values)
    .onConflict((oc) => oc.columns(['scope_kind', 'scope_id']).doUpdateSet({ settings: values.settings, updated_at: now, updated_by: by }))
    .execute();
  return getRuleSettings(db, scope);
}
