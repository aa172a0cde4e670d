import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrityKeyFromPem } from '../../api/integrity/signing-key.ts';

/**
 * One integrity key per test process: in memory for in-process APIs, and in a temporary file
 * (CHECKPOINT_KEY_FILE) for APIs and CLIs started from a configuration. Tests never write a key
 * into the repository.
 */
const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const testIntegrityKey = integrityKeyFromPem(pem);
export const TEST_KEY_FILE = join(mkdtempSync(join(tmpdir(), 'dp-key-')), 'checkpoint-ed25519.pem');
writeFileSync(TEST_KEY_FILE, pem, { mode: 0o600 });
