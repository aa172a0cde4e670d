import { describe, expect, test } from 'vitest';
import { ancestorsOf, indexUnits, preorder, topLevelBody, wouldCycle } from '../../api/admin/unit-tree.ts';
import { createProcedureSchema } from '../../api/admin/procedures.schemas.ts';
import { parseRuleScope } from '../../api/admin/rule-settings.schemas.ts';
import { operationId } from '../../api/openapi/openapi-document.ts';
import { DEMO_PROCEDURES } from '../../shared/demo/roster.ts';

const units = indexUnits([
  { id: 'P', parent_id: null },
  { id: 'A', parent_id: 'P' },
  { id: 'B', parent_id: 'A' },
  { id: 'C', parent_id: 'P' },
]);

describe('unit tree', () => {
  test('ancestors nearest first, depth-first listing, cycle detection', () => {
    expect(ancestorsOf(units, 'B')).toEqual(['A', 'P']);
    expect(preorder(units, 'P')).toEqual([
      { id: 'P', depth: 0 },
      { id: 'A', depth: 1 },
      { id: 'B', depth: 2 },
      { id: 'C', depth: 1 },
    ]);
    expect(wouldCycle(units, 'A', 'B')).toBe(true);
    expect(wouldCycle(units, 'A', 'A')).toBe(true);
    expect(wouldCycle(units, 'B', 'C')).toBe(false);
    expect(topLevelBody('000.31.05.H32')).toBe('H32');
  });

  test('a loop already in stored data does not hang the walk', () => {
    const loop = indexUnits([
      { id: 'X', parent_id: 'Y' },
      { id: 'Y', parent_id: 'X' },
    ]);
    expect(ancestorsOf(loop, 'X')).toEqual(['Y']);
  });
});

describe('procedure validation', () => {
  const base = { code: '1.000001', name: 'x', totalAmount: 2, timeType: 'working_days' as const };
  test('every demo procedure passes', () => {
    for (const p of DEMO_PROCEDURES) {
      const r = createProcedureSchema.safeParse({
        code: p.code,
        name: p.name,
        totalAmount: p.totalDays,
        timeType: p.timeType,
        steps: p.steps,
      });
      expect(r.success, p.code).toBe(true);
    }
  });
  test('steps fit in the total (8 h per working day, 24 per calendar day) and have distinct codes', () => {
    const step = (code: string, allottedHours: number) => ({ code, name: code, role: 'specialist', allottedHours });
    expect(createProcedureSchema.safeParse({ ...base, steps: [step('A', 16)] }).success).toBe(true);
    expect(createProcedureSchema.safeParse({ ...base, steps: [step('A', 16.5)] }).success).toBe(false);
    expect(createProcedureSchema.safeParse({ ...base, timeType: 'calendar_days', steps: [step('A', 48)] }).success).toBe(true);
    expect(createProcedureSchema.safeParse({ ...base, steps: [step('A', 1), step('A', 1)] }).success).toBe(false);
    expect(createProcedureSchema.safeParse({ ...base, steps: [] }).success).toBe(false);
    expect(createProcedureSchema.safeParse({ ...base, steps: [{ ...step('A', 1), role: 'boss' }] }).success).toBe(false);
    expect(createProcedureSchema.safeParse({ ...base, code: 'TT-01', steps: [step('A', 1)] }).success).toBe(false);
  });
});

test('rule scopes as the CLI writes them', () => {
  expect(parseRuleScope('default')).toEqual({ kind: 'default', id: '' });
  expect(parseRuleScope('unit:000.00.12.H32')).toEqual({ kind: 'unit', id: '000.00.12.H32' });
  expect(parseRuleScope('procedure:1.001193.000.00.00.H32')).toEqual({ kind: 'procedure', id: '1.001193.000.00.00.H32' });
  expect(parseRuleScope('units:x')).toBeNull();
});

test('operation ids follow method and path', () => {
  expect(operationId({ method: 'get', path: '/v1/admin/units/:id' })).toBe('getV1AdminUnitsById');
  expect(operationId({ method: 'post', path: '/v1/admin/officials/:id/reset-password' })).toBe('postV1AdminOfficialsByIdResetPassword');
  expect(operationId({ method: 'get', path: '/openapi.json' })).toBe('getOpenapiJson');
});
