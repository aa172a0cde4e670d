/**
 * The workload's world: the demo roster's back-office units, officials and procedures, plus
 * generated departments and communes with their own officials and procedures, so the API is
 * exercised beyond the three demo units (admin-created units, officials and catalogue entries).
 */
import { BACKOFFICE_UNIT_IDS, DEMO_OFFICIALS, DEMO_PROCEDURES, DEMO_UNITS, PROVINCE_ROOT_ID } from '../../shared/demo/roster.ts';
import type { Rng } from './prng.ts';

export type StepRole = 'desk_clerk' | 'specialist' | 'division_head' | 'agency_head';
export type TimeType = 'working_days' | 'calendar_days';

export interface WorldUnit {
  id: string;
  name: string;
  level: 'department' | 'commune';
  generated: boolean;
}

export interface WorldOfficial {
  username: string;
  displayName: string;
  unitId: string;
  role: StepRole;
  generated: boolean;
}

export interface WorldStep {
  code: string;
  name: string;
  role: StepRole;
  /** In the procedure's time type, as an admin enters it. */
  allottedHours: number;
}

export interface WorldProcedure {
  code: string;
  name: string;
  unitIds: string[];
  totalDays: number;
  timeType: TimeType;
  steps: WorldStep[];
  generated: boolean;
}

export interface World {
  units: WorldUnit[];
  officials: WorldOfficial[];
  procedures: WorldProcedure[];
  /** Generated officials sign in with it (demo ones with the demo password). */
  password: string;
  rootUnitId: string;
}

/**
 * Working seconds a rule allots to a step. Calendar-hour allotments are scaled 24 → 8 as
 * api/derive/derive-context.ts documents; the generator keeps clean stints far enough inside
 * that the approximation never decides a flag.
 */
export function allottedWorkingSeconds(p: WorldProcedure, step: WorldStep): number {
  return (p.timeType === 'working_days' ? step.allottedHours : (step.allottedHours * 8) / 24) * 3600;
}

const DEPARTMENT_ROLES: [StepRole, number][] = [
  ['desk_clerk', 2],
  ['specialist', 3],
  ['division_head', 2],
  ['agency_head', 1],
];
const COMMUNE_ROLES: [StepRole, number][] = [
  ['desk_clerk', 2],
  ['specialist', 2],
  ['agency_head', 2],
];

function generatedSteps(level: WorldUnit['level'], days: number, timeType: TimeType, rng: Rng): WorldStep[] {
  const h = timeType === 'working_days' ? 8 : 24;
  // Shares of the total in days; the specialist's examination gets what is left, as in the demo.
  const desk = days >= 4 ? rng.pick([0.25, 0.5]) : 0.125;
  const back = days >= 4 ? rng.pick([0.25, 0.5]) : 0.125;
  const chief = days >= 4 ? rng.pick([0.5, 1]) : 0.25;
  const head = level === 'department' ? (days >= 4 ? rng.pick([0.5, 1]) : 0.25) : 0;
  const exam = days - desk - back - chief - head;
  const steps: WorldStep[] = [
    { code: 'TN', name: 'Tiếp nhận và kiểm tra hồ sơ', role: 'desk_clerk', allottedHours: desk * h },
    { code: 'XL', name: 'Chuyên viên xem xét, xử lý', role: 'specialist', allottedHours: exam * h },
  ];
  if (head > 0) steps.push({ code: 'LDP', name: 'Lãnh đạo phòng kiểm tra', role: 'division_head', allottedHours: head * h });
  steps.push({ code: 'LDDV', name: 'Lãnh đạo đơn vị ký', role: 'agency_head', allottedHours: chief * h });
  steps.push({ code: 'TKQ', name: 'Trả kết quả cho công dân', role: 'desk_clerk', allottedHours: back * h });
  return steps;
}

export function buildWorld(rng: Rng, opts: { departments: number; communes: number }): World {
  const units: WorldUnit[] = DEMO_UNITS.filter((u) => BACKOFFICE_UNIT_IDS.includes(u.id)).map((u) => ({
    id: u.id,
    name: u.name,
    level: u.level === 'commune' ? 'commune' : 'department',
    generated: false,
  }));
  const officials: WorldOfficial[] = DEMO_OFFICIALS.filter((o) => o.backofficeRole !== null && BACKOFFICE_UNIT_IDS.includes(o.unitId)).map(
    (o) => ({
      username: o.username,
      displayName: o.displayName,
      unitId: o.unitId,
      role: o.backofficeRole!,
      generated: false,
    }),
  );
  const procedures: WorldProcedure[] = DEMO_PROCEDURES.map((p) => ({
    code: p.code,
    name: p.name,
    unitIds: p.unitIds,
    totalDays: p.totalDays,
    timeType: p.timeType,
    steps: p.steps.map(({ code, name, role, allottedHours }) => ({ code, name, role, allottedHours })),
    generated: false,
  }));

  let procedureSeq = 0;
  const addUnit = (id: string, name: string, level: WorldUnit['level'], tag: string) => {
    units.push({ id, name, level, generated: true });
    for (const [role, count] of level === 'department' ? DEPARTMENT_ROLES : COMMUNE_ROLES) {
      for (let i = 1; i <= count; i++) {
        officials.push({
          username: `wl.${tag}.${role.replace('_', '')}${i}`,
          displayName: `Cán bộ ${tag} ${role} ${i}`,
          unitId: id,
          role,
          generated: true,
        });
      }
    }
    const choices = level === 'department' ? [4, 6, 8, 12, 15] : [1, 2, 3, 5];
    for (let k = 0; k < 2; k++) {
      const timeType: TimeType = level === 'commune' && k === 1 && rng.chance(0.5) ? 'calendar_days' : 'working_days';
      const days = timeType === 'calendar_days' ? rng.pick([7, 10, 15]) : rng.pick(choices);
      procedureSeq += 1;
      procedures.push({
        code: `2.9${String(procedureSeq).padStart(5, '0')}.000.00.00.H32`,
        name: `Thủ tục mô phỏng ${tag}-${k + 1} (${days} ${timeType === 'working_days' ? 'ngày làm việc' : 'ngày'})`,
        unitIds: [id],
        totalDays: days,
        timeType,
        steps: generatedSteps(level, days, timeType, rng),
        generated: true,
      });
    }
  };
  for (let i = 0; i < opts.departments; i++)
    addUnit(`000.00.${String(40 + i).padStart(2, '0')}.H32`, `Sở mô phỏng ${i + 1}`, 'department', `s${i + 1}`);
  for (let i = 0; i < opts.communes; i++)
    addUnit(`000.41.${String(10 + i).padStart(2, '0')}.H32`, `UBND xã mô phỏng ${i + 1}`, 'commune', `x${i + 1}`);
  return { units, officials, procedures, password: 'workload-password-2025', rootUnitId: PROVINCE_ROOT_ID };
}

export function officialsOf(world: World, unitId: string, role: StepRole): WorldOfficial[] {
  return world.officials.filter((o) => o.unitId === unitId && o.role === role);
}

export function proceduresOf(world: World, unitId: string): WorldProcedure[] {
  return world.procedures.filter((p) => p.unitIds.includes(unitId));
}
