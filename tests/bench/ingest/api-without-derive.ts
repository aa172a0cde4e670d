/**
 * Diagnostic only: the API as api/server.ts starts it, minus the background derivation worker.
 * Beside the real API it shows how much of the ingest shortfall is the worker competing for the
 * database (on SQLite, its single connection) rather than HTTP and validation.
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../../../api/config.ts';
import { createServices } from '../../../api/services.ts';
import { createApp } from '../../../api/app.ts';

const config = loadConfig();
const services = await createServices(config);
serve({ fetch: createApp(services).fetch, port: config.port, hostname: config.host });
