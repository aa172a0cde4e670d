import { browser } from 'wxt/browser';

export type OffsetSample = { offsetMs: number; rttMs: number; at: number };

const KEY = 'clockOffset';
const STALE_MS = 10 * 60_000;

/** NTP's estimate: the server read its clock halfway through the round trip. */
export function sampleOffset(serverTimeIso: string, sentAt: number, answeredAt: number): OffsetSample | null {
  const server = Date.parse(serverTimeIso);
  if (Number.isNaN(server)) return null;
  return { offsetMs: Math.round(server - (sentAt + answeredAt) / 2), rttMs: answeredAt - sentAt, at: answeredAt };
}

/** A sample with a shorter round trip is more exact; an old estimate gives way to any new one. */
export function preferSample(current: OffsetSample | undefined, next: OffsetSample): OffsetSample {
  if (!current || next.at - current.at > STALE_MS || next.rttMs <= current.rttMs * 1.5) return next;
  return current;
}

export function createClockOffset() {
  let cached: OffsetSample | undefined;
  return {
    async get(): Promise<number | undefined> {
      cached ??= (await browser.storage.local.get(KEY))[KEY] as OffsetSample | undefined;
      return cached?.offsetMs;
    },
    async observe(serverTime: string | undefined, sentAt: number, answeredAt: number): Promise<void> {
      const sample = serverTime ? sampleOffset(serverTime, sentAt, answeredAt) : null;
      if (!sample) return;
      const next = preferSample(cached ?? ((await browser.storage.local.get(KEY))[KEY] as OffsetSample | undefined), sample);
      if (next !== cached) {
        cached = next;
        await browser.storage.local.set({ [KEY]: next });
      }
    },
  };
}
export type ClockOffset = ReturnType<typeof createClockOffset>;
