import { z } from 'zod';
import { unitIdSchema } from '../../shared/schemas/dossier.ts';
import { RULE_NAMES, SEVERITIES } from '../../shared/rules/index.ts';
import { dayPeriodQuerySchema } from '../stats/day-period.ts';
import { dossierListQuerySchema } from '../dossiers/dossiers.schemas.ts';
import { flagListQuerySchema } from '../flags/flags.repository.ts';
import { ANY_ROLE, type RouteSpec } from './route-spec.ts';

/**
 * The derived read routes (dossiers, flags, unit and personal figures). Their handlers and query
 * schemas belong to those features; the response shapes below name the top-level fields and let
 * the nested rows through (loose), until the features export response schemas to use here.
 */
const row = z.looseObject({});
const period = z.object({ from: z.string(), to: z.string(), days: z.number().int() });
const page = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
});

const flagSchema = z.looseObject({
  key: z.string(),
  dossierCode: z.string(),
  unitId: z.string(),
  rule: z.enum(RULE_NAMES),
  severity: z.enum(SEVERITIES),
  officialId: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
const dossierSchema = z.looseObject({ code: z.string(), unitId: z.string(), procedureCode: z.string().nullable() });

const unitStatsResponse = z.object({ period, units: z.array(row), previous: z.object({ period, units: z.array(row) }).optional() });
const unitOfficialsResponse = z.object({
  unitId: z.string(),
  period,
  officials: z.array(row),
  previous: z.object({ period, officials: z.array(row) }).optional(),
});

export const READ_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/v1/stats/units',
    tag: 'stats',
    summary: { vi: 'Số liệu theo đơn vị trong phạm vi', en: 'Per-unit figures in scope' },
    roles: ['leader', 'inspector', 'admin'],
    scoped: true,
    query: dayPeriodQuerySchema.extend({ unitId: unitIdSchema.optional() }),
    response: unitStatsResponse,
  },
  {
    method: 'get',
    path: '/v1/stats/units/:unitId/officials',
    tag: 'stats',
    summary: { vi: 'Số liệu từng cán bộ của một đơn vị (chuyên viên: của mình)', en: "Figures of a unit's officials (clerk: own)" },
    roles: ANY_ROLE,
    scoped: true,
    query: dayPeriodQuerySchema,
    response: unitOfficialsResponse,
  },
  {
    method: 'get',
    path: '/v1/me/summary',
    tag: 'stats',
    summary: { vi: 'Số liệu của chính mình hôm nay, tuần này, hồ sơ có nguy cơ', en: 'My figures today and this week, dossiers at risk' },
    roles: ANY_ROLE,
    scoped: false,
    response: z.looseObject({ official: row, today: row, week: row, holding: z.number().int(), atRisk: z.array(row) }),
  },
  {
    method: 'get',
    path: '/v1/dossiers',
    tag: 'dossiers',
    summary: { vi: 'Hồ sơ trong phạm vi (chuyên viên: hồ sơ mình đã giữ)', en: 'Dossiers in scope (clerk: those they held)' },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: dossierListQuerySchema,
    response: z.object({ dossiers: z.array(dossierSchema), page }),
  },
  {
    method: 'get',
    path: '/v1/dossiers/:code',
    tag: 'dossiers',
    summary: { vi: 'Diễn biến một hồ sơ: người giữ, thời gian, cảnh báo', en: "One dossier's custody timeline, timings and flags" },
    roles: ANY_ROLE,
    scoped: true,
    response: z.looseObject({ segments: z.array(row), pauses: z.array(row), flags: z.array(flagSchema), events: z.array(row) }),
  },
  {
    method: 'get',
    path: '/v1/flags',
    tag: 'flags',
    summary: { vi: 'Cảnh báo hồ sơ chậm (chuyên viên: của mình)', en: 'Stall flags (clerk: their own)' },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: flagListQuerySchema,
    response: z.object({ flags: z.array(flagSchema), page }),
  },
];
