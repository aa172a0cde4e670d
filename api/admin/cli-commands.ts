import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { SessionManager } from '../auth/lucia.ts';
import { ApiFailure, parseWith } from '../http/errors.ts';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import { createUnit, listUnits } from './units.repository.ts';
import { createOfficial, getOfficial, listOfficials, resetPassword, updateOfficial } from './officials.repository.ts';
import { createOfficialSchema, passwordSchema, updateOfficialSchema } from './officials.schemas.ts';
import { createUnitSchema } from './units.schemas.ts';
import { importProcedure, listProcedures } from './procedures.repository.ts';
import { createProcedureSchema } from './procedures.schemas.ts';
import { addProfileVersion, latestProfiles } from './profiles.repository.ts';
import { addCalendarVersion } from './calendars.repository.ts';
import { calendarVersionInputSchema } from './calendars.schemas.ts';
import { putRuleSettings } from './rule-settings.repository.ts';
import { parseRuleScope, ruleSettingsSchema } from './rule-settings.schemas.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { redactEventField } from '../integrity/redaction.ts';
import { redactValue } from '../integrity/redact-value.ts';
import { getCheckpoint, issueCheckpoint, toCheckpointFile } from '../integrity/checkpoints.repository.ts';
import { deriveNow } from '../derive/index.ts';

/**
 * The admin CLI's commands, on the same repositories and schemas as the HTTP routes. The CLI is
 * the operator with database access, so it has no scope: it is how the first province and its
 * first admin come to exist.
 */
export type CliContext = {
  db: Db;
  sessions: Pick<SessionManager, 'invalidateAll'>;
  now: number;
  flags: {
    parent?: string;
    unit?: string;
    role?: string;
    name?: string;
    backoffice?: string;
    'password-stdin'?: boolean;
    json?: boolean;
    reason?: string;
    by?: string;
  };
  /** The integrity key (CHECKPOINT_KEY_FILE), read when a command needs it. */
  integrity(): IntegrityKey;
  out(line: string): void;
  readStdin(): Promise<string>;
};

type Command = { args: string[]; run(ctx: CliContext, args: string[]): Promise<void> };

const usage = (message: string) => new ApiFailure(400, 'usage', message);
const BY = 'cli';

async function readJsonFile<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new ApiFailure(400, 'bad_file', `Không đọc được ${path} / Cannot read ${path} as JSON: ${(e as Error).message}`);
  }
  return parseWith(schema, raw, 'invalid_file');
}

function table(ctx: CliContext, rows: Record<string, unknown>[], columns: string[]): void {
  if (ctx.flags.json) return ctx.out(JSON.stringify(rows, null, 2));
  const cell = (v: unknown) => (v === null || v === undefined ? '-' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (cells: string[]) =>
    cells
      .map((s, i) => s.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  ctx.out(line(columns));
  for (const r of rows) ctx.out(line(columns.map((c) => cell(r[c]))));
}

async function officialByUsername(ctx: CliContext, username: string) {
  const o = await getOfficial(ctx.db, { username });
  if (!o) throw new ApiFailure(404, 'not_found', `Không có cán bộ ${username} / No official ${username}`);
  return o;
}

/** From stdin when asked (never from argv, which `ps` and shell history show); otherwise a generated one, printed once. */
async function newPassword(ctx: CliContext): Promise<{ password: string; generated: boolean }> {
  if (ctx.flags['password-stdin'])
    return { password: parseWith(passwordSchema, (await ctx.readStdin()).split(/\r?\n/)[0] ?? '', 'invalid_password'), generated: false };
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

export const CLI_COMMANDS: Record<string, Command> = {
  'units list': { args: [], run: async (ctx) => table(ctx, await listUnits(ctx.db), ['id', 'parentId', 'depth', 'name']) },
  'units add': {
    args: ['<id>', '<name>', '[--parent <id>]'],
    run: async (ctx, [id, name]) => {
      // createUnitSchema needs a parent; the CLI alone may create a root (a province).
      const input = ctx.flags.parent
        ? parseWith(createUnitSchema, { id, name, parentId: ctx.flags.parent }, 'invalid_unit')
        : { ...parseWith(createUnitSchema.pick({ id: true, name: true }), { id, name }, 'invalid_unit'), parentId: null };
      const unit = await createUnit(ctx.db, input, ctx.now);
      ctx.out(`✓ ${unit.id} ${unit.name}`);
    },
  },
  'officials list': {
    args: ['[--unit <id>]'],
    run: async (ctx) => {
      const units = ctx.flags.unit ? (await listUnits(ctx.db, [ctx.flags.unit])).map((u) => u.id) : null;
      table(ctx, await listOfficials(ctx.db, units), ['username', 'role', 'unitId', 'active', 'backofficeAccount', 'displayName']);
    },
  },
  'officials add': {
    args: [
      '<username>',
      '--unit <id>',
      '--role <clerk|inspector|admin>',
      '[--name <display name>]',
      '[--backoffice <account>]',
      '[--password-stdin]',
    ],
    run: async (ctx, [username]) => {
      const { password, generated } = await newPassword(ctx);
      const input = parseWith(
        createOfficialSchema,
        {
          username,
          displayName: ctx.flags.name ?? username,
          unitId: ctx.flags.unit,
          role: ctx.flags.role,
          password,
          backofficeAccount: ctx.flags.backoffice ?? null,
        },
        'invalid_official',
      );
      const o = await createOfficial(ctx.db, input, ctx.now);
      ctx.out(`✓ ${o.username} (${o.role}, ${o.unitId})${generated ? ` mật khẩu / password: ${password}` : ''}`);
    },
  },
  'officials set-role': {
    args: ['<username>', '<clerk|inspector|admin>'],
    run: async (ctx, [username, role]) => {
      const o = await officialByUsername(ctx, username!);
      await updateOfficial(ctx.db, ctx.sessions, o.id, parseWith(updateOfficialSchema, { role }, 'invalid_role'));
      ctx.out(`✓ ${username}: ${role}`);
    },
  },
  'officials deactivate': {
    args: ['<username>'],
    run: async (ctx, [username]) => {
      const o = await officialByUsername(ctx, username!);
      await updateOfficial(ctx.db, ctx.sessions, o.id, { active: false });
      ctx.out(`✓ ${username}: đã khóa, mọi phiên đã kết thúc / deactivated, sessions ended`);
    },
  },
  'officials reset-password': {
    args: ['<username>', '[--password-stdin]'],
    run: async (ctx, [username]) => {
      const o = await officialByUsername(ctx, username!);
      const { password, generated } = await newPassword(ctx);
      await resetPassword(ctx.db, ctx.sessions, o.id, password);
      ctx.out(`✓ ${username}${generated ? ` mật khẩu mới / new password: ${password}` : ''}`);
    },
  },
  'procedures list': {
    args: [],
    run: async (ctx) => {
      const rows = (await listProcedures(ctx.db, null)).map((p) => ({ ...p, steps: p.steps.length }));
      table(ctx, rows, ['code', 'version', 'unitId', 'totalAmount', 'timeType', 'steps', 'name']);
    },
  },
  'procedures import': {
    args: ['<file.json>', '[--unit <owner id>]'],
    run: async (ctx, [file]) => {
      const raw = await readJsonFile(file!, z.unknown());
      // One procedure or an array of them; each is checked on its own so errors name the field.
      const list = Array.isArray(raw)
        ? parseWith(createProcedureSchema.array(), raw, 'invalid_file')
        : [parseWith(createProcedureSchema, raw, 'invalid_file')];
      const roots = (await listUnits(ctx.db)).filter((u) => u.parentId === null);
      for (const p of list) {
        const unitId = p.unitId ?? ctx.flags.unit ?? (roots.length === 1 ? roots[0]!.id : undefined);
        if (!unitId) throw usage('Cần --unit <đơn vị chủ quản> / --unit <owner unit> is required');
        const saved = await importProcedure(ctx.db, { ...p, unitId }, BY, ctx.now);
        ctx.out(`✓ ${saved.code} v${saved.version} ${saved.name}`);
      }
    },
  },
  'profiles list': {
    args: [],
    run: async (ctx) => table(ctx, await latestProfiles(ctx.db), ['id', 'version', 'name', 'createdAt']),
  },
  'profiles add': {
    args: ['<file.json>'],
    run: async (ctx, [file]) => {
      const saved = await addProfileVersion(ctx.db, await readJsonFile(file!, siteProfileSchema), BY, ctx.now);
      ctx.out(`✓ ${saved.id} v${saved.version}`);
    },
  },
  'calendars add': {
    args: ['<unitId>', '<file.json>'],
    run: async (ctx, [unitId, file]) => {
      const saved = await addCalendarVersion(ctx.db, unitId!, await readJsonFile(file!, calendarVersionInputSchema), {
        now: ctx.now,
        by: BY,
      });
      ctx.out(`✓ ${unitId} v${saved.version} từ / from ${saved.validFrom}`);
    },
  },
  'rules set': {
    args: ['<default|unit:<id>|procedure:<code>>', '<file.json>'],
    run: async (ctx, [scopeText, file]) => {
      const scope = parseRuleScope(scopeText!);
      if (!scope) throw usage(`Phạm vi không hợp lệ: ${scopeText} / Scope must be default, unit:<id> or procedure:<code>`);
      await putRuleSettings(ctx.db, scope, await readJsonFile(file!, ruleSettingsSchema), BY, ctx.now);
      ctx.out(`✓ ${scopeText}`);
    },
  },
  'events redact': {
    args: ['<eventId>', '<status|step|backoffice_user|to_account|extra>', '--reason <text>', '--by <admin username>', '[--unit <id>]'],
    run: async (ctx, [eventId, field]) => {
      if (!ctx.flags.reason?.trim()) throw usage('Cần --reason <lý do> / --reason <why> is required');
      const by = await officialByUsername(ctx, ctx.flags.by ?? '');
      if (by.role !== 'admin') throw usage(`${by.username} không phải quản trị viên / is not an admin`);
      const r = await redactEventField(ctx.db, ctx.integrity(), {
        eventId: eventId!,
        unitId: ctx.flags.unit,
        field: field!,
        reason: ctx.flags.reason.trim(),
        by: by.id,
        now: ctx.now,
      });
      if (r.dossierCodes.length) await deriveNow(ctx.db, r.dossierCodes, { now: ctx.now });
      ctx.out(
        `✓ ${r.eventId} ${r.field}: đã ẩn, ghi nhật ký số ${r.logSeq} / redacted, audit log entry ${r.logSeq}${r.dossierCodes.length ? `; hồ sơ tính lại / dossiers re-derived: ${r.dossierCodes.join(', ')}` : ''}`,
      );
      if (r.inspections.length)
        ctx.out(
          `! Bằng chứng cố định của cuộc kiểm tra vẫn giữ giá trị cũ / frozen evidence of inspections still holds the value: ${r.inspections.join(', ')}`,
        );
    },
  },
  'events redact-value': {
    args: ['<value>', '--reason <text>', '--by <admin username>', '[--unit <id>]'],
    run: async (ctx, [value]) => {
      if (!ctx.flags.reason?.trim()) throw usage('Cần --reason <lý do> / --reason <why> is required');
      const by = await officialByUsername(ctx, ctx.flags.by ?? '');
      if (by.role !== 'admin') throw usage(`${by.username} không phải quản trị viên / is not an admin`);
      const done = await redactValue(ctx.db, ctx.integrity(), {
        value: value!,
        unitId: ctx.flags.unit,
        reason: ctx.flags.reason.trim(),
        by: by.id,
        now: ctx.now,
      });
      const codes = [...new Set(done.flatMap((r) => r.dossierCodes))].sort();
      if (codes.length) await deriveNow(ctx.db, codes, { now: ctx.now });
      if (ctx.flags.json)
        return ctx.out(
          JSON.stringify(
            done.map((r) => ({ eventId: r.eventId, unitId: r.unitId, field: r.field, logSeq: r.logSeq })),
            null,
            2,
          ),
        );
      for (const r of done) ctx.out(`✓ ${r.eventId} ${r.field}: đã ẩn, nhật ký số ${r.logSeq} / redacted, audit log entry ${r.logSeq}`);
      ctx.out(
        done.length
          ? `${done.length} trường đã ẩn / fields redacted${codes.length ? `; hồ sơ tính lại / dossiers re-derived: ${codes.join(', ')}` : ''}`
          : 'Không thấy giá trị này trong sự kiện đã lưu / The value is not in any stored event',
      );
      const frozen = [...new Set(done.flatMap((r) => r.inspections))];
      if (frozen.length)
        ctx.out(
          `! Bằng chứng cố định của cuộc kiểm tra vẫn giữ giá trị cũ / frozen evidence of inspections still holds the value: ${frozen.join(', ')}`,
        );
    },
  },
  'checkpoints issue': {
    args: [],
    run: async (ctx) => {
      const key = ctx.integrity();
      const row = (await issueCheckpoint(ctx.db, key, ctx.now))!;
      if (ctx.flags.json) ctx.out(JSON.stringify(toCheckpointFile(row, key.publicKeyPem), null, 2));
      else ctx.out(`✓ điểm kiểm chứng / checkpoint ${row.seq} (key ${key.keyId}); --json in ra tệp để lưu / prints the file to keep`);
    },
  },
  'checkpoints show': {
    args: ['<seq|latest>'],
    run: async (ctx, [which]) => {
      const key = ctx.integrity();
      const row = await getCheckpoint(ctx.db, which === 'latest' ? 'latest' : Number(which));
      if (!row) throw new ApiFailure(404, 'not_found', `Không có điểm kiểm chứng ${which} / No such checkpoint`);
      ctx.out(JSON.stringify(toCheckpointFile(row, key.publicKeyPem), null, 2));
    },
  },
  // Opening the storage migrates it; the command exists so deployments can migrate explicitly.
  migrate: { args: [], run: async (ctx) => ctx.out('✓ cơ sở dữ liệu đã ở phiên bản mới nhất / database schema is up to date') },
};

export function cliUsage(): string {
  const lines = Object.entries(CLI_COMMANDS).map(([name, c]) => `  ${[name, ...c.args].join(' ')}`);
  return [
    'Quản trị Dossier Pulse / Dossier Pulse administration',
    '',
    'Usage: npm run admin -- <command> [args] [--json]',
    '',
    ...lines,
    '',
    'Database: DATABASE_URL=postgres://… or SQLITE_PATH (default ./data/dossier-pulse.sqlite).',
    'Without --password-stdin a password is generated and printed once.',
  ].join('\n');
}
