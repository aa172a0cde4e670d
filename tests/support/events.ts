import { randomUUID } from 'node:crypto';
import type { CaptureEvent } from '../../shared/schemas/events.ts';

export const PROFILE = { id: 'test', version: 1 };
export const CODE = '000.00.12.H32-251120-0007';

/** Builders for valid events, so tests state only what matters to them. */
export function openEvent(over: Partial<Extract<CaptureEvent, { kind: 'open' }>> = {}): CaptureEvent {
  return { id: randomUUID(), kind: 'open', at: new Date().toISOString(), dossierCode: CODE, profile: PROFILE, ...over } as CaptureEvent;
}

export function activeEvent(startMs: number, seconds: number, over: Record<string, unknown> = {}): CaptureEvent {
  return {
    id: randomUUID(),
    kind: 'active',
    at: new Date(startMs + seconds * 1000).toISOString(),
    dossierCode: CODE,
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + seconds * 1000).toISOString(),
    profile: PROFILE,
    ...over,
  } as CaptureEvent;
}

export function actionEvent(action: string, over: Record<string, unknown> = {}): CaptureEvent {
  return {
    id: randomUUID(),
    kind: 'action',
    action,
    at: new Date().toISOString(),
    dossierCode: CODE,
    profile: PROFILE,
    ...over,
  } as CaptureEvent;
}

export function batch(events: unknown[], sentAt = new Date()) {
  return { sentAt: sentAt.toISOString(), events };
}
