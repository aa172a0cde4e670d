/** `npm run verify`: walks the events' hash chains and names every edited, inserted or deleted row. */
import { loadConfig } from '../config.ts';
import { openStorage } from '../db/connect.ts';
import { describeTamper, verifyChains } from '../verify/verify-chain.ts';

const config = loadConfig();
const storage = await openStorage(config.database);
try {
  const result = await verifyChains(storage.db, (officials, rows) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${officials} officials, ${rows} events checked`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const t of result.tampers) console.log(describeTamper(t));
  console.log(
    result.tampers.length
      ? `✗ ${result.tampers.length} tampered rows in ${result.rows} events / phát hiện ${result.tampers.length} dòng bị can thiệp`
      : `✓ ${result.rows} events of ${result.officials} officials: chains intact / chuỗi băm nguyên vẹn`,
  );
  process.exitCode = result.tampers.length ? 1 : 0;
} finally {
  await storage.close();
}
