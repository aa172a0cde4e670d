/**
 * The API's answers as the dashboard reads them: the types of the response schemas the server
 * validates with (shared/contract/), so a field renamed on the server fails the dashboard's
 * typecheck where the field is read.
 */
import type { z } from 'zod';
import type { dossierDetailResponseSchema, dossierListResponseSchema } from '../../../../shared/contract/dossiers.ts';
import type { flagSchema } from '../../../../shared/contract/flags.ts';
import type { openFlagsSchema, unitOfficialsResponseSchema, unitStatsResponseSchema } from '../../../../shared/contract/stats.ts';
import type { sessionOfficialSchema } from '../../../../shared/schemas/api.ts';

export { ROLES, type Role } from '../../../../shared/schemas/api.ts';
/** GET /v1/auth/me. */
export type Me = z.output<typeof sessionOfficialSchema>;

export type OpenFlags = z.output<typeof openFlagsSchema>;

export type UnitStatsResponse = z.output<typeof unitStatsResponseSchema>;
export type UnitStats = UnitStatsResponse['units'][number];
export type StepFigures = UnitStats['steps'][number];

export type UnitOfficialsResponse = z.output<typeof unitOfficialsResponseSchema>;
export type OfficialStats = UnitOfficialsResponse['officials'][number];

export type DossierList = z.output<typeof dossierListResponseSchema>;
export type DossierSummary = DossierList['dossiers'][number];

export type FlagView = z.output<typeof flagSchema>;

export type DossierDetail = z.output<typeof dossierDetailResponseSchema>;
export type Segment = DossierDetail['segments'][number];
export type Pause = DossierDetail['pauses'][number];
export type TimelineEvent = DossierDetail['events'][number];
