/** `npm run admin -- <command>`: bootstrap and script the administration (see cliUsage). */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openStorage } from '../db/connect.ts';
import { createSessionManager } from '../auth/lucia.ts';
import { ApiFailure } from '../http/errors.ts';
import { loadIntegrityKey, type IntegrityKey } from '../integrity/signing-key.ts';
import { CLI_COMMANDS, cliUsage, type CliContext } from '../admin/cli-commands.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        parent: { type: 'string' },
        unit: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        backoffice: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        json: { type: 'boolean' },
        reason: { type: 'string' },
        by: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${cliUsage()}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals[0] === 'help' || positionals.length === 0) {
    (positionals.length ? console.log : console.error)(cliUsage());
    return values.help || positionals.length ? 0 : 2;
  }
  const name = CLI_COMMANDS[positionals.slice(0, 2).join(' ')] ? positionals.slice(0, 2).join(' ') : (positionals[0] ?? '');
  const command = CLI_COMMANDS[name];
  const args = positionals.slice(name.split(' ').length);
  const required = command?.args.filter((a) => a.startsWith('<')).length ?? 0;
  if (!command || args.length < required) {
    console.error(
      `${command ? `Thiếu tham số / missing arguments: ${name} ${command.args.join(' ')}` : `Lệnh không rõ / unknown command: ${positionals.join(' ') || '(none)'}`}\n\n${cliUsage()}`,
    );
    return 2;
  }

  const config = loadConfig();
  const storage = await openStorage(config.database);
  let key: IntegrityKey | undefined;
  try {
    const ctx: CliContext = {
      db: storage.db,
      sessions: createSessionManager(storage.db, {
        idleDays: config.sessionDays,
        absoluteDays: config.sessionAbsoluteDays,
        secureCookies: config.secureCookies,
      }),
      now: Date.now(),
      flags: values,
      integrity: () => (key ??= loadIntegrityKey(config.checkpoint.keyFile, { create: config.checkpoint.createKey })),
      out: (line) => console.log(line),
      readStdin,
    };
    await command.run(ctx, args);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiFailure)) throw e;
    console.error(`✗ ${e.code}: ${e.message}`);
    return 1;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return 1;
});
