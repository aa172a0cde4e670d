import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { resolvePeriod } from '../stats/day-period.ts';
import { localDate } from '../derive/local-day.ts';
import { dossierScope } from '../dossiers/dossier-access.ts';
import { flagScopeFor } from '../flags/flag-scope.ts';
import { csvChunks } from '../../shared/csv/csv-writer.ts';
import { download } from './download.ts';
import { outOfScope, unitSubtreeInScope } from './unit-scope.ts';
import { dossiersCsvQuerySchema, flagsCsvQuerySchema, unitOfficialsCsvQuerySchema, unitsCsvQuerySchema } from './exports.schemas.ts';
import { recordReads, recordUnitExport } from '../access-log/access-log.repository.ts';
import { dossiersTable, flagsTable, unitOfficialsTable, unitsTable, type Table } from './table-rows.ts';

const sendCsv = (c: Context<AppEnv>, name: string, table: Table) =>
  download(c, {
    type: 'text/csv; charset=utf-8',
    filename: `${name}-${localDate(c.var.services.now())}.csv`,
    chunks: csvChunks(table.header, table.rows),
  });

/**
 * The dashboard's tables as CSV. Access is that of the matching JSON route: unit figures for
 * inspectors and admins; a unit's officials for anyone of the unit (a clerk gets their own row);
 * dossiers and flags filtered to a clerk's own. The checks repeat those routes' rules.
 */
export function createTableCsvRoutes() {
  return new Hono<AppEnv>()
    .get('/units.csv', requireSession('leader', 'inspector', 'admin'), async (c) => {
      const { db, now } = c.var.services;
      const q = parseWith(unitsCsvQuerySchema, c.req.query(), 'invalid_query');
      const units = await unitSubtreeInScope(db, c.var.official, q.unitId);
      return sendCsv(c, 'don-vi-units', unitsTable(db, units, resolvePeriod(q, now())));
    })
    .get('/unit-officials.csv', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const me = c.var.official;
      const q = parseWith(unitOfficialsCsvQuerySchema, c.req.query(), 'invalid_query');
      const unitId = q.unitId ?? me.unitId;
      const visible = me.role === 'clerk' ? unitId === me.unitId : (await unitsInScope(db, me)).has(unitId);
      if (!visible) throw outOfScope();
      if (me.role !== 'clerk') {
        const officials = await db.selectFrom('officials').select('id').where('unit_id', '=', unitId).execute();
        await recordReads(
          db,
          me,
          officials.map((o) => o.id),
          'export',
          `unit-officials.csv ${unitId}`,
          now(),
        );
      }
      return sendCsv(c, 'can-bo-officials', unitOfficialsTable(db, unitId, resolvePeriod(q, now()), me.role === 'clerk' ? me.id : null));
    })
    .get('/dossiers.csv', requireSession(), async (c) => {
      const { db } = c.var.services;
      const me = c.var.official;
      const q = parseWith(dossiersCsvQuerySchema, c.req.query(), 'invalid_query');
      const scope = await dossierScope(db, me);
      if (scope.kind === 'holder' && q.officialId && q.officialId !== me.id) {
        throw new ApiFailure(403, 'forbidden', 'Chỉ xem được hồ sơ mình đã giữ / Only dossiers you held');
      }
      if (scope.kind === 'units' && q.unitId && !scope.units.includes(q.unitId)) throw outOfScope();
      if (scope.kind === 'units')
        await recordUnitExport(db, me, q.unitId ? [q.unitId] : scope.units, `dossiers.csv ${q.unitId ?? me.unitId}`, c.var.services.now());
      return sendCsv(c, 'ho-so-dossiers', dossiersTable(db, scope, q));
    })
    .get('/flags.csv', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const me = c.var.official;
      const q = parseWith(flagsCsvQuerySchema, c.req.query(), 'invalid_query');
      const scope = await flagScopeFor(db, me, q);
      if (scope.kind === 'units')
        await recordUnitExport(db, me, q.unitId ? [q.unitId] : scope.units, `flags.csv ${q.unitId ?? me.unitId}`, now());
      return sendCsv(c, 'canh-bao-flags', flagsTable(db, scope, q, now()));
    });
}
