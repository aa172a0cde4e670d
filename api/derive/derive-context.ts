import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { Logger } from '../http/logger.ts';
import { calendarDefinitionSchema, createCalendar, DEFAULT_CALENDAR, type WorkingCalendar } from '../../shared/calendar/index.ts';
import {
  DEFAULT_RULE_SETTINGS,
  resolveSettings,
  ruleOverridesSchema,
  ruleSettingsSchema,
  type ProcedureSpec,
  type RuleOverrides,
  type RuleSettings,
} from '../../shared/rules/index.ts';

/**
 * What derivation reads besides a dossier's events: calendars, procedures, rule settings and the
 * unit tree. Loaded lazily and kept for one batch (a second or so), so a batch of dossiers of one
 * unit reads each once; a new batch sees an admin's edit.
 */
export interface DeriveContext {
  calendarFor(db: Executor, unitId: string): Promise<WorkingCalendar>;
  procedure(db: Executor, code: string | null): Promise<ProcedureSpec | null>;
  settingsFor(db: Executor, unitId: string, procedureCode: string | null): Promise<RuleSettings>;
  /** Whether one unit is the other or above or below it in the unit tree. */
  related(db: Executor, unitA: string, unitB: string): Promise<boolean>;
}

/**
 * Reads go through the caller's executor: inside a transaction on SQLite the one connection is
 * held, so a read through the pool would wait for it forever.
 */
type Executor = Kysely<Database> | Transaction<Database>;

// Building a calendar computes holidays from astronomy: share them across batches by definition.
const calendarCache = new Map<string, WorkingCalendar>();
function calendarOf(definitionJson: string): WorkingCalendar {
  let calendar = calendarCache.get(definitionJson);
  if (!calendar) {
    calendar = createCalendar(calendarDefinitionSchema.parse(JSON.parse(definitionJson)));
    if (calendarCache.size >= 200) calendarCache.delete(calendarCache.keys().next().value!);
    calendarCache.set(definitionJson, calendar);
  }
  return calendar;
}

export function createDeriveContext(log?: Logger): DeriveContext {
  let parents: Promise<Map<string, string | null>> | undefined;
  let settingsRows: Promise<Map<string, RuleOverrides>> | undefined;
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const procedures = new Map<string, Promise<ProcedureSpec | null>>();
  const settings = new Map<string, Promise<RuleSettings>>();

  const unitParents = (db: Executor) =>
    (parents ??= db
      .selectFrom('units')
      .select(['id', 'parent_id'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.id, r.parent_id]))));

  /** The unit itself, then its ancestors nearest first; a loop in stored data ends the walk. */
  async function lineage(db: Executor, unitId: string): Promise<string[]> {
    const map = await unitParents(db);
    const out: string[] = [];
    for (let id: string | null | undefined = unitId; id && !out.includes(id); id = map.get(id)) out.push(id);
    return out;
  }

  async function loadCalendar(db: Executor, unitId: string): Promise<WorkingCalendar> {
    // A unit without its own calendar works by its nearest ancestor's, as the admin screens show.
    for (const id of await lineage(db, unitId)) {
      const row = await db
        .selectFrom('calendars')
        .select('definition')
        .where('unit_id', '=', id)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) continue;
      try {
        return calendarOf(row.definition);
      } catch (e) {
        log?.warn('derive: unreadable calendar, using the default', { unitId: id, error: String(e) });
        return DEFAULT_CALENDAR;
      }
    }
    return DEFAULT_CALENDAR;
  }

  async function loadProcedure(db: Executor, code: string): Promise<ProcedureSpec | null> {
    const row = await db.selectFrom('procedures').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) return null;
    try {
      const steps = JSON.parse(row.steps) as { code: string; name: string; allottedHours: number }[];
      // Rules measure in working hours; calendar-hour allotments are scaled to working hours
      // (24 calendar hours ≈ one working day), an approximation documented for calendar-day procedures.
      const working = row.time_type === 'working_days';
      return {
        code: row.code,
        totalDays: working ? Number(row.total_amount) : undefined,
        steps: steps.map((s) => ({ code: s.code, name: s.name, allottedHours: working ? s.allottedHours : (s.allottedHours * 8) / 24 })),
      };
    } catch (e) {
      log?.warn('derive: unreadable procedure', { code, error: String(e) });
      return null;
    }
  }

  async function loadSettingsRows(db: Executor): Promise<Map<string, RuleOverrides>> {
    const rows = await db.selectFrom('rule_settings').select(['scope_kind', 'scope_id', 'settings']).execute();
    const out = new Map<string, RuleOverrides>();
    for (const r of rows) {
      let parsed;
      try {
        parsed = ruleOverridesSchema.safeParse(JSON.parse(r.settings));
      } catch {
        parsed = undefined;
      }
      if (parsed?.success) out.set(`${r.scope_kind}:${r.scope_id}`, parsed.data);
      else log?.warn('derive: rule settings ignored (invalid)', { scope: `${r.scope_kind}:${r.scope_id}` });
    }
    return out;
  }

  return {
    calendarFor(db, unitId) {
      let p = calendars.get(unitId);
      if (!p) calendars.set(unitId, (p = loadCalendar(db, unitId)));
      return p;
    },
    procedure(db, code) {
      if (!code) return Promise.resolve(null);
      let p = procedures.get(code);
      if (!p) procedures.set(code, (p = loadProcedure(db, code)));
      return p;
    },
    async related(db, a, b) {
      return a === b || (await lineage(db, a)).includes(b) || (await lineage(db, b)).includes(a);
    },
    settingsFor(db, unitId, procedureCode) {
      const key = `${unitId}|${procedureCode ?? ''}`;
      let p = settings.get(key);
      if (!p) settings.set(key, (p = resolveFor(db, unitId, procedureCode)));
      return p;
    },
  };

  async function resolveFor(db: Executor, unitId: string, procedureCode: string | null): Promise<RuleSettings> {
    const rows = await (settingsRows ??= loadSettingsRows(db));
    // Default, then the unit's ancestors from the top down to the unit, then the procedure:
    // the most specific scope wins.
    let resolved = resolveSettings(DEFAULT_RULE_SETTINGS, rows.get('default:'));
    for (const id of (await lineage(db, unitId)).reverse()) resolved = resolveSettings(resolved, rows.get(`unit:${id}`));
    if (procedureCode) resolved = resolveSettings(resolved, rows.get(`procedure:${procedureCode}`));
    const checked = ruleSettingsSchema.safeParse(resolved);
    if (!checked.success) log?.warn('derive: merged rule settings invalid, using defaults', { unitId, procedureCode });
    return checked.success ? checked.data : structuredClone(DEFAULT_RULE_SETTINGS);
  }
}
