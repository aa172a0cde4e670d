import { expect, test } from 'vitest';
import { BUNDLED_PROFILES, GENERIC } from '../../extension/profiles/registry.ts';
import { BUNDLED_PROFILE_IDS } from '../../shared/schemas/bundled-profile-ids.ts';

test('the server knows exactly the profiles the extension ships (their misses are kept, others only counted)', () => {
  expect([...BUNDLED_PROFILE_IDS].sort()).toEqual([...BUNDLED_PROFILES.map((p) => p.id), GENERIC.id].sort());
});
