import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { zodMessage } from '../http/errors.ts';
import { calendarDefinitionSchema, defaultCalendarDefinition, type CalendarDefinition } from '../../shared/calendar/index.ts';
import { isoAt, isUniqueViolation } from './db-errors.ts';
import { ancestorsOf, indexUnits } from './unit-tree.ts';
import type { CalendarVersionInput, CalendarVersionRow, CalendarView } from './calendars.schemas.ts';
import { localIsoDate } from '../../shared/calendar/civil-date.ts';

type Row = { unit_id: string; version: number; valid_from: string; definition: string; created_at: number; created_by: string | null };

const toVersion = (r: Row): CalendarVersionRow => ({
  version: Number(r.version),
  validFrom: r.valid_from,
  createdAt: isoAt(r.created_at),
  createdBy: r.created_by,
  definition: calendarDefinitionSchema.parse(JSON.parse(r.definition)),
});

async function ownRows(db: Db, unitId: string): Promise<Row[]> {
  return db.selectFrom('calendars').selectAll().where('unit_id', '=', unitId).orderBy('version', 'desc').execute();
}

/** A unit without its own calendar uses its nearest ancestor's, and the built-in one at the top. */
export async function calendarFor(db: Db, unitId: string): Promise<CalendarView | null> {
  const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  if (!units.some((u) => u.id === unitId)) return null;
  const versions = (await ownRows(db, unitId)).map(toVersion);
  if (versions[0])
    return { unitId, source: 'own', inheritedFrom: null, current: versions[0], versions, definition: versions[0].definition };
  for (const ancestor of ancestorsOf(indexUnits(units), unitId)) {
    const [latest] = await ownRows(db, ancestor);
    if (latest)
      return {
        unitId,
        source: 'inherited',
        inheritedFrom: ancestor,
        current: null,
        versions: [],
        definition: toVersion(latest).definition,
      };
  }
  return { unitId, source: 'default', inheritedFrom: null, current: null, versions: [], definition: defaultCalendarDefinition() };
}

const immutable = (message: string) => new ApiFailure(409, 'past_is_immutable', message);

/**
 * Appends a version. The new row snapshots the calendar in force (own or inherited) plus the new
 * version, so days before `validFrom` keep the rules they were counted with: only the future changes.
 */
export async function addCalendarVersion(
  db: Db,
  unitId: string,
  input: CalendarVersionInput,
  opts: { now: number; by: string | null },
): Promise<CalendarVersionRow> {
  const view = await calendarFor(db, unitId);
  if (!view) throw new ApiFailure(404, 'not_found', `Không tìm thấy đơn vị ${unitId} / Unit not found`);
  const today = localIsoDate(opts.now);
  if (input.validFrom < today) {
    throw immutable(
      `Phiên bản lịch phải bắt đầu từ hôm nay (${today}) trở đi / A calendar version cannot start in the past (today is ${today})`,
    );
  }
  const last = view.definition.versions.at(-1)!.validFrom;
  if (input.validFrom <= last) {
    throw immutable(`Phiên bản mới phải bắt đầu sau ${last} / A new version must start after the latest one (${last})`);
  }
  const parsed = calendarDefinitionSchema.safeParse({
    hoursPerWorkingDay: view.definition.hoursPerWorkingDay,
    versions: [...view.definition.versions, input],
  });
  if (!parsed.success) throw new ApiFailure(400, 'invalid_calendar', zodMessage(parsed.error), parsed.error.issues);
  const version = (view.current?.version ?? 0) + 1;
  return insertCalendarRow(db, unitId, version, input.validFrom, parsed.data, opts);
}

async function insertCalendarRow(
  db: Db,
  unitId: string,
  version: number,
  validFrom: string,
  definition: CalendarDefinition,
  opts: { now: number; by: string | null },
) {
  try {
    await db
      .insertInto('calendars')
      .values({
        unit_id: unitId,
        version,
        valid_from: validFrom,
        definition: JSON.stringify(definition),
        created_at: opts.now,
        created_by: opts.by,
      })
      .execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw immutable('Lịch vừa được người khác sửa, hãy tải lại / The calendar changed meanwhile, reload it');
    throw e;
  }
  return toVersion((await ownRows(db, unitId))[0]!);
}

/** Gives a unit with no calendar rows a first version (the seed's default for the province); no-op otherwise. */
export async function seedCalendar(db: Db, unitId: string, definition: CalendarDefinition, now: number): Promise<void> {
  if ((await ownRows(db, unitId)).length) return;
  await insertCalendarRow(db, unitId, 1, definition.versions[0]!.validFrom, calendarDefinitionSchema.parse(definition), { now, by: null });
}
