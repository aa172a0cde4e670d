import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { ApiFailure } from '../http/errors.ts';
import { isPostgres } from '../derive/dialect.ts';
import { resolvePeriod } from '../stats/day-period.ts';
import { unitSubtreeInScope } from '../exports/unit-scope.ts';
import { loadPopulation } from './population.repository.ts';
import { DRAW_ALGORITHM, drawSample } from './seeded-draw.ts';
import { WEIGHTING } from './risk-weights.ts';
import { freezeEvidence, sha256 } from './evidence.ts';
import { dossierView, loadPeople, reportLinks, summaryView } from './inspection-view.ts';
import { getCheckpoint } from '../integrity/checkpoints.repository.ts';
import { checkpointSummary } from '../integrity/checkpoint-view.ts';
import type { CreateInspection, InspectionListQuery } from './inspections.schemas.ts';

export const inspectionNotFound = (id: string) =>
  new ApiFailure(404, 'not_found', `Không tìm thấy cuộc kiểm tra ${id} / Inspection not found`);

/**
 * Draws the sample and freezes each drawn dossier's evidence in one transaction (a snapshot on
 * PostgreSQL), so the weights, the population and the evidence all describe the same moment even
 * while derivation keeps running.
 */
export async function createInspection(db: Db, me: SessionOfficial, input: CreateInspection, now: number): Promise<string> {
  const units = await unitSubtreeInScope(db, me, input.unitId);
  const period = input.from || input.to ? resolvePeriod({ from: input.from, to: input.to }, now) : null;
  const seed = input.seed ?? randomBytes(16).toString('hex');
  const id = randomUUID();
  const tx = isPostgres(db) ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  await tx.execute(async (trx) => {
    const population = await loadPopulation(trx, units, period, now);
    if (population.length === 0) throw new ApiFailure(409, 'empty_population', 'Không có hồ sơ nào để chọn mẫu / No dossiers to sample');
    const byCode = new Map(population.map((p) => [p.code, p]));
    const drawn = drawSample(
      seed,
      population.map((p) => ({ code: p.code, weight: p.risk.weight })),
      input.sampleSize,
    );
    await trx
      .insertInto('inspections')
      .values({
        unit_id: input.unitId,
        id,
        inspector_id: me.id,
        status: 'open',
        seed,
        sample_size: input.sampleSize,
        period_from: period?.from ?? null,
        period_to: period?.to ?? null,
        algorithm: DRAW_ALGORITHM,
        weighting: JSON.stringify(WEIGHTING),
        population: JSON.stringify(population.map((p) => [p.code, p.risk.weight])),
        population_size: population.length,
        drawn_at: now,
        closed_at: null,
        closed_by: null,
        conclusion: null,
      })
      .execute();
    for (const d of drawn) {
      const member = byCode.get(d.code)!;
      const evidence = JSON.stringify(await freezeEvidence(trx, d.code, units, now));
      const { weight: _w, ...risk } = member.risk;
      await trx
        .insertInto('inspection_dossiers')
        .values({
          unit_id: input.unitId,
          inspection_id: id,
          dossier_code: d.code,
          position: d.position,
          dossier_unit_id: member.unitId,
          weight: d.weight,
          risk: JSON.stringify(risk),
          draw_key: d.key,
          evidence,
          evidence_sha256: sha256(evidence),
          delay_justified: null,
          responsible_official_id: null,
          note: null,
          found_by: null,
          found_at: null,
        })
        .execute();
    }
  });
  return id;
}

/** An inspection of a unit in the caller's scope; any other is "not found", never "forbidden". */
export async function findInspection(db: Db, scope: ReadonlySet<string>, id: string) {
  const row = await db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !scope.has(row.unit_id)) throw inspectionNotFound(id);
  return row;
}

export async function inspectionDetail(db: Db, scope: ReadonlySet<string>, id: string, opts: { population?: boolean } = {}) {
  const row = await findInspection(db, scope, id);
  const dossiers = await db
    .selectFrom('inspection_dossiers')
    .selectAll()
    .where('unit_id', '=', row.unit_id)
    .where('inspection_id', '=', id)
    .orderBy('position')
    .execute();
  const unit = await db.selectFrom('units').select('name').where('id', '=', row.unit_id).executeTakeFirst();
  const people = await loadPeople(db, [
    row.inspector_id,
    row.closed_by,
    ...dossiers.flatMap((d) => [d.responsible_official_id, d.found_by]),
  ]);
  const reports =
    row.status === 'closed'
      ? await db
          .selectFrom('inspection_reports')
          .select(['format', 'sha256'])
          .where('unit_id', '=', row.unit_id)
          .where('inspection_id', '=', id)
          .execute()
      : [];
  const digest = (f: string) => reports.find((r) => r.format === f)?.sha256 ?? '';
  // A closed inspection shows the checkpoint signed when it closed; an open one the newest.
  const signed = await getCheckpoint(db, row.checkpoint_seq !== null ? Number(row.checkpoint_seq) : 'latest');
  const named = new Set<string>();
  for (const d of dossiers) for (const o of Object.keys((JSON.parse(d.evidence) as { officials?: object }).officials ?? {})) named.add(o);
  return {
    inspection: summaryView(
      row,
      unit?.name ?? null,
      { drawn: dossiers.length, found: dossiers.filter((d) => d.delay_justified !== null).length },
      people,
    ),
    draw: {
      algorithm: row.algorithm,
      seed: row.seed,
      weighting: JSON.parse(row.weighting) as Record<string, unknown>,
      populationSize: Number(row.population_size),
      ...(opts.population
        ? { population: (JSON.parse(row.population) as [string, number][]).map(([code, weight]) => ({ code, weight })) }
        : {}),
    },
    dossiers: dossiers.map((d) => dossierView(d, people)),
    reports: row.status === 'closed' ? { ...reportLinks(id), htmlSha256: digest('html'), csvSha256: digest('csv') } : null,
    checkpoint: signed ? checkpointSummary(signed, [...named].sort()) : null,
  };
}
export type InspectionDetail = Awaited<ReturnType<typeof inspectionDetail>>;

/** Newest first, over the given units (the caller's scope, or a subtree of it). */
export async function listInspections(db: Db, units: readonly string[], q: InspectionListQuery) {
  let base = db.selectFrom('inspections').where('unit_id', 'in', units.length ? [...units] : ['']);
  if (q.status !== 'all') base = base.where('status', '=', q.status);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await base.selectAll().orderBy('drawn_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute();
  const counts = rows.length
    ? await db
        .selectFrom('inspection_dossiers')
        .select((eb) => ['inspection_id', eb.fn.countAll<number>().as('drawn'), eb.fn.count<number>('delay_justified').as('found')])
        .where(
          'inspection_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('inspection_id')
        .execute()
    : [];
  const unitNames = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const people = await loadPeople(
    db,
    rows.flatMap((r) => [r.inspector_id, r.closed_by]),
  );
  return {
    inspections: rows.map((r) => {
      const c = counts.find((x) => x.inspection_id === r.id);
      return summaryView(r, unitNames.get(r.unit_id) ?? null, { drawn: Number(c?.drawn ?? 0), found: Number(c?.found ?? 0) }, people);
    }),
    page: { limit: q.limit, offset: q.offset, total, nextOffset: q.offset + rows.length < total ? q.offset + rows.length : null },
  };
}
