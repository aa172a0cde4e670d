import { generateIntegrityKey } from '../../api/integrity/signing-key.ts';

/** One integrity key per test process, held in memory: tests never write a key file into the repository. */
export const testIntegrityKey = generateIntegrityKey();
