import { describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { postgresAvailable } from '../support/requirements.ts';
import { freshPostgres } from '../support/databases.ts';
import { openStorage } from '../../api/db/connect.ts';
import { citusStatements, DISTRIBUTION, type Placement } from '../../api/db/distribution.ts';

type Key = { table: string; name: string; columns: string[] };
type ForeignKey = Key & { refTable: string; refColumns: string[] };
type SchemaFacts = { tables: Record<string, { column: string; notNull: boolean }[]>; uniqueKeys: Key[]; foreignKeys: ForeignKey[] };

/** What Citus could not distribute or enforce, given where each table goes. */
function citusProblems(facts: SchemaFacts, plan: Readonly<Record<string, Placement>>): string[] {
  const problems: string[] = [];
  for (const t of Object.keys(facts.tables)) if (!plan[t]) problems.push(`${t}: not placed in api/db/distribution.ts`);
  for (const t of Object.keys(plan)) if (!facts.tables[t]) problems.push(`${t}: placed but not in the schema`);
  for (const [t, p] of Object.entries(plan)) {
    if (p.kind !== 'distributed' || !facts.tables[t]) continue;
    const col = facts.tables[t]!.find((c) => c.column === p.column);
    if (!col) problems.push(`${t}: no distribution column ${p.column}`);
    else if (!col.notNull) problems.push(`${t}.${p.column}: the distribution column may be null`);
  }
  for (const k of facts.uniqueKeys) {
    const p = plan[k.table];
    if (p?.kind === 'distributed' && !k.columns.includes(p.column))
      problems.push(`${k.table}: unique key ${k.name} (${k.columns.join(', ')}) lacks the distribution column ${p.column}`);
  }
  for (const fk of facts.foreignKeys) {
    const [from, to] = [plan[fk.table], plan[fk.refTable]];
    if (!from || !to || to.kind === 'reference') continue; // any table may refer to a reference table
    if (from.kind === 'reference') {
      problems.push(`${fk.table} → ${fk.refTable}: a reference table refers to a distributed one`);
      continue;
    }
    const i = fk.columns.indexOf(from.column);
    const colocated = from.column === 'unit_id' && to.column === 'unit_id' && i >= 0 && fk.refColumns[i] === to.column;
    if (!colocated)
      problems.push(`${fk.table} → ${fk.refTable}: a foreign key across units (${fk.columns.join(', ')} → ${fk.refColumns.join(', ')})`);
  }
  return problems;
}

async function schemaFacts(db: Kysely<any>): Promise<SchemaFacts> {
  const cols = await sql<{ table: string; column: string; not_null: boolean }>`
    select c.relname as "table", a.attname as "column", a.attnotnull as not_null
    from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and c.relname not like 'kysely_%'`.execute(
    db,
  );
  const tables: SchemaFacts['tables'] = {};
  for (const r of cols.rows) (tables[r.table] ??= []).push({ column: r.column, notNull: r.not_null });
  // Unique indexes cover primary keys, unique constraints and unique indexes made on their own.
  const unique = await sql<{ table: string; name: string; columns: string[] }>`
    select t.relname as "table", i.relname as name,
      array(select a.attname from unnest(x.indkey) k join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k) as columns
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and x.indisunique and t.relname not like 'kysely_%'`.execute(db);
  const fks = await sql<{ table: string; name: string; columns: string[]; ref_table: string; ref_columns: string[] }>`
    select t.relname as "table", c.conname as name, r.relname as ref_table,
      array(select a.attname from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns,
      array(select a.attname from unnest(c.confkey) k join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k) as ref_columns
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and c.contype = 'f'`.execute(db);
  return {
    tables,
    uniqueKeys: unique.rows,
    foreignKeys: fks.rows.map((f) => ({
      table: f.table,
      name: f.name,
      columns: f.columns,
      refTable: f.ref_table,
      refColumns: f.ref_columns,
    })),
  };
}

describe.skipIf(!(await postgresAvailable()))('the schema stays ready for distribution by unit (Citus)', () => {
  test('every table is placed, and no key or foreign key would need more than Citus enforces', async () => {
    const database = await freshPostgres();
    const storage = await openStorage(database.target);
    try {
      const facts = await schemaFacts(storage.db);
      expect(Object.keys(facts.tables).length).toBeGreaterThan(20);
      expect(facts.foreignKeys.length).toBeGreaterThan(3); // the check below has foreign keys to look at
      expect(citusProblems(facts, DISTRIBUTION)).toEqual([]);
    } finally {
      await storage.close();
      await database.drop();
    }
  });

  test('the check catches what would break: an unplaced table, a unique key without unit_id, a foreign key across units', () => {
    const facts: SchemaFacts = {
      tables: {
        units: [{ column: 'id', notNull: true }],
        events: [
          { column: 'unit_id', notNull: true },
          { column: 'id', notNull: true },
        ],
        dossiers: [
          { column: 'unit_id', notNull: true },
          { column: 'code', notNull: true },
        ],
        notes: [{ column: 'id', notNull: true }],
      },
      uniqueKeys: [{ table: 'dossiers', name: 'dossiers_code_key', columns: ['code'] }],
      foreignKeys: [
        { table: 'dossiers', name: 'dossiers_event_fk', columns: ['code'], refTable: 'events', refColumns: ['id'] },
        { table: 'units', name: 'units_event_fk', columns: ['id'], refTable: 'events', refColumns: ['id'] },
      ],
    };
    const plan = {
      units: { kind: 'reference', why: '' },
      events: { kind: 'distributed', column: 'unit_id', why: '' },
      dossiers: { kind: 'distributed', column: 'unit_id', why: '' },
    } as const;
    expect(citusProblems(facts, plan)).toEqual([
      'notes: not placed in api/db/distribution.ts',
      'dossiers: unique key dossiers_code_key (code) lacks the distribution column unit_id',
      'dossiers → events: a foreign key across units (code → id)',
      'units → events: a reference table refers to a distributed one',
    ]);
  });

  test('the distribution statements name every table once, reference tables first, events before its co-located tables', () => {
    const statements = citusStatements();
    expect(statements).toHaveLength(Object.keys(DISTRIBUTION).length);
    const order = statements.map((s) => /\('(\w+)'/.exec(s)![1]);
    expect(new Set(order).size).toBe(order.length);
    expect(order.indexOf('events')).toBeLessThan(order.indexOf('segments'));
    expect(statements.findIndex((s) => s.includes('create_distributed_table'))).toBe(
      statements.filter((s) => s.includes('create_reference_table')).length,
    );
  });
});
