import type { Db } from '../db/connect.ts';
import { DEMO_PROCEDURES, PROVINCE_ROOT_ID } from '../../shared/demo/roster.ts';
import { defaultCalendarDefinition } from '../../shared/calendar/index.ts';
import { createProcedureSchema } from './procedures.schemas.ts';
import { createProcedure } from './procedures.repository.ts';
import { seedCalendar } from './calendars.repository.ts';

/**
 * The demo's procedures (owned by the province, whose localised codes they carry) and the
 * default working calendar at the province root, which every unit inherits. Goes through the
 * same validation as an admin's input, so the demo data cannot drift from the rules.
 */
export async function seedDemoCatalog(db: Db, now: number): Promise<void> {
  for (const p of DEMO_PROCEDURES) {
    const input = createProcedureSchema.parse({
      code: p.code,
      name: p.name,
      totalAmount: p.totalDays,
      timeType: p.timeType,
      steps: p.steps.map(({ code, name, role, allottedHours }) => ({ code, name, role, allottedHours })),
    });
    await createProcedure(db, { ...input, unitId: PROVINCE_ROOT_ID }, null, now);
  }
  await seedCalendar(db, PROVINCE_ROOT_ID, defaultCalendarDefinition(), now);
}
