import { unitIdSchema } from '../../shared/schemas/dossier.ts';
import { periodQuerySchema } from '../stats/period.ts';
import { dayPeriodQuerySchema } from '../stats/day-period.ts';
import { dossierListQuerySchema } from '../dossiers/dossiers.schemas.ts';
import { flagListQuerySchema } from '../flags/flags.repository.ts';

/** The event logs: a unit's subtree (default: the caller's scope), `from`/`to` as days or instants. */
export const eventLogQuerySchema = periodQuerySchema.extend({ unitId: unitIdSchema.optional() });

/** The dashboard's tables, with the same filters as their JSON routes but whole (no paging). */
export const unitsCsvQuerySchema = dayPeriodQuerySchema.omit({ compare: true }).extend({ unitId: unitIdSchema.optional() });
export const unitOfficialsCsvQuerySchema = dayPeriodQuerySchema.omit({ compare: true }).extend({ unitId: unitIdSchema.optional() });
export const dossiersCsvQuerySchema = dossierListQuerySchema.omit({ limit: true, offset: true });
export const flagsCsvQuerySchema = flagListQuerySchema.omit({ limit: true, offset: true });
