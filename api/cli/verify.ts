/**
 * `npm run verify [-- --checkpoint saved.json] [--public-key key.pem] [--no-derived] [--json]`:
 * checks every official's hash chain (row tags, links, the checkpoint), the audit log and closed
 * inspections, reports redactions, and compares the derived tables with a replay of the raw
 * events. Exit 1 when anything was tampered with, 2 when the checkpoint itself is not genuine.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openStorage } from '../db/connect.ts';
import { loadIntegrityKey, type IntegrityKey } from '../integrity/signing-key.ts';
import { describeVerify, runVerify } from '../verify/run-verify.ts';

const { values } = parseArgs({
  options: {
    checkpoint: { type: 'string' },
    'public-key': { type: 'string' },
    'no-derived': { type: 'boolean' },
    json: { type: 'boolean' },
  },
});

const config = loadConfig();
let key: IntegrityKey | null = null;
try {
  key = loadIntegrityKey(config.checkpoint.keyFile, { create: false });
} catch (e) {
  console.error(`! ${(e as Error).message}`);
}
const storage = await openStorage(config.database);
try {
  const result = await runVerify(storage.db, {
    key,
    checkpointFile: values.checkpoint ? JSON.parse(readFileSync(values.checkpoint, 'utf8')) : undefined,
    trustedPublicKeyPem: values['public-key'] ? readFileSync(values['public-key'], 'utf8') : undefined,
    derived: !values['no-derived'],
    onProgress: (what, done, total) => {
      if (process.stderr.isTTY)
        process.stderr.write(`\r  ${what}: ${done}${what === 'chains' ? ` officials, ${total} events` : `/${total} dossiers`}   `);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else for (const line of describeVerify(result)) console.log(line);
  process.exitCode = result.ok ? 0 : 1;
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exitCode = 2;
} finally {
  await storage.close();
}
