import { describe, expect, test } from 'vitest';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { useTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { parsePrometheus, sampleValue } from '../support/prometheus.ts';
import { loadConfig } from '../../api/config.ts';
import { createApp } from '../../api/app.ts';

describe.each(STORAGE_DIALECTS)('GET /metrics on $name', ({ make }) => {
  const ctx = useTestApi(make);

  test('counts requests and ingest outcomes, and reads the queue, flags and sessions from the database', async () => {
    const open = openEvent();
    const first = await ctx.api.call('chuyenvien1', '/v1/events', {
      body: batch([open, actionEvent('forward', { toAccount: 'lanhdao1' })]),
    });
    expect(first.status).toBe(200);
    const second = await ctx.api.call('chuyenvien1', '/v1/events', { body: batch([open, { kind: 'open', id: 'x' }]) });
    expect(second.json).toMatchObject({ accepted: 0, duplicate: 1, rejected: 1 });

    const res = await ctx.api.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, types } = parsePrometheus(await res.text());
    expect(sampleValue(samples, 'dossier_pulse_ingest_events_total', { result: 'accepted' })).toBe(2);
    expect(sampleValue(samples, 'dossier_pulse_ingest_events_total', { result: 'duplicate' })).toBe(1);
    expect(sampleValue(samples, 'dossier_pulse_ingest_events_total', { result: 'rejected' })).toBe(1);
    expect(types.get('dossier_pulse_ingest_events_total')).toBe('counter');
    // The route pattern, not the raw path, labels a request.
    expect(sampleValue(samples, 'dossier_pulse_http_requests_total', { method: 'POST', route: '/v1/events', status: '200' })).toBe(2);
    expect(sampleValue(samples, 'dossier_pulse_http_requests_total', { method: 'POST', route: '/v1/auth/login', status: '200' })).toBe(1);
    expect(sampleValue(samples, 'dossier_pulse_http_request_duration_seconds_count', { method: 'POST', route: '/v1/events' })).toBe(2);
    // No derivation worker runs here: the dossier waits in the queue.
    expect(sampleValue(samples, 'dossier_pulse_derive_queue_depth')).toBe(1);
    expect(sampleValue(samples, 'dossier_pulse_derive_queue_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'dossier_pulse_sessions_active')).toBe(1);
    expect(sampleValue(samples, 'dossier_pulse_flags_open')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'dossier_pulse_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  test('with METRICS_TOKEN set, only a scraper that sends it gets the figures', async () => {
    const { services } = ctx.api;
    const app = createApp({
      ...services,
      config: {
        ...services.config,
        ...loadConfig({ METRICS_TOKEN: 's3cret-token', LOG_LEVEL: 'silent' }),
        database: services.config.database,
      },
    });
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token!' } })).status).toBe(401);
    const ok = await app.request('/metrics', { headers: { authorization: 'Bearer s3cret-token' } });
    expect(ok.status).toBe(200);
    expect(parsePrometheus(await ok.text()).samples.length).toBeGreaterThan(10);
  });
});
