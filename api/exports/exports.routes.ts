import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { createEventLogRoutes } from './event-log.routes.ts';
import { createTableCsvRoutes } from './table-csv.routes.ts';

/** Mounted at /v1/exports: event logs for process mining and the dashboard's tables as CSV. */
export function createExportRoutes() {
  return new Hono<AppEnv>().route('/', createEventLogRoutes()).route('/', createTableCsvRoutes());
}
