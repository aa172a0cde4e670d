/**
 * `npm run derive`: derives every dossier waiting in the queue, then exits.
 * `npm run derive -- --rebuild`: empties the derived tables and derives every dossier again from
 * the raw events, with a progress bar on stderr (after a calendar, procedure or rule change).
 */
import { loadConfig } from '../config.ts';
import { openStorage } from '../db/connect.ts';
import { createLogger } from '../http/logger.ts';
import { drainQueue, queueLength, rebuildDerived, type RebuildProgress } from '../derive/index.ts';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--rebuild');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}\nUsage: npm run derive [-- --rebuild]`);
  process.exit(2);
}

const config = loadConfig();
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, (l) => process.stderr.write(l + '\n'));
const storage = await openStorage(config.database);

function bar({ done, total, elapsedMs }: RebuildProgress): string {
  const width = 30;
  const share = total ? done / total : 1;
  const filled = Math.round(share * width);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${(share * 100).toFixed(1)}% · ${rate.toFixed(0)} hồ sơ/s (dossiers/s)`;
}

try {
  if (args.includes('--rebuild')) {
    const interactive = process.stderr.isTTY;
    let lastLine = 0;
    const result = await rebuildDerived(storage.db, {
      log,
      onProgress: (p) => {
        // On a terminal the bar redraws in place; in a log, one line every few seconds at most.
        if (interactive) process.stderr.write(`\r${bar(p)}`);
        else if (p.done === p.total || performance.now() - lastLine > 5000) {
          lastLine = performance.now();
          process.stderr.write(`${bar(p)}\n`);
        }
      },
    });
    if (interactive) process.stderr.write('\n');
    console.log(
      `✓ Dựng lại ${result.total} hồ sơ trong ${(result.elapsedMs / 1000).toFixed(1)} s / rebuilt ${result.total} dossiers` +
        (result.failed ? ` — ${result.failed} lỗi / failed (see log)` : ''),
    );
    process.exitCode = result.failed ? 1 : 0;
  } else {
    const waiting = await queueLength(storage.db);
    const result = await drainQueue(storage.db, { now: Date.now, log });
    console.log(
      `✓ ${result.derived + result.removed} hồ sơ đã tính / dossiers derived (${waiting} waiting)` +
        (result.failed ? `, ${result.failed} failed` : ''),
    );
    process.exitCode = result.failed ? 1 : 0;
  }
} finally {
  await storage.close();
}
