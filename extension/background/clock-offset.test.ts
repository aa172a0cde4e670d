import { expect, test } from 'vitest';
import { preferSample, sampleOffset } from './clock-offset.ts';
import { clockSkew, SKEW_THRESHOLD_MS } from '../../api/ingest/events.routes.ts';

test('the offset is read at the middle of the round trip', () => {
  // Client sent at 1000 and heard back at 1200 (its clock); the server read 10_100 in between.
  expect(sampleOffset(new Date(10_100).toISOString(), 1000, 1200)).toEqual({ offsetMs: 9000, rttMs: 200, at: 1200 });
  expect(sampleOffset('not a date', 0, 1)).toBeNull();
});

test('a shorter round trip wins; an old estimate gives way', () => {
  const good = { offsetMs: 5, rttMs: 20, at: 0 };
  expect(preferSample(good, { offsetMs: 900, rttMs: 400, at: 1000 })).toBe(good);
  const fresh = { offsetMs: 900, rttMs: 400, at: 11 * 60_000 };
  expect(preferSample(good, fresh)).toBe(fresh);
});

test('transit time is not mistaken for clock skew', () => {
  // A batch held 20 s in transit by a client whose clock is right.
  expect(clockSkew(undefined, 20_000)).toBe(0);
  expect(clockSkew(0, 20_000)).toBe(0);
  // A clock two hours behind, with or without the client's own estimate.
  expect(clockSkew(undefined, 7_200_000)).toBe(7_200_000);
  expect(clockSkew(7_199_950, 7_200_300)).toBe(7_199_950);
  // The estimate is stale when the batch itself shows a very different clock.
  expect(clockSkew(0, 3 * 3600_000)).toBe(3 * 3600_000);
  expect(SKEW_THRESHOLD_MS).toBeGreaterThan(5_000);
});
