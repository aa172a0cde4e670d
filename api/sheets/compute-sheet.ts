import type { Db } from '../db/connect.ts';
import { unitsInScope } from '../auth/scope.ts';
import type { DayPeriod } from '../stats/day-period.ts';
import { sumRollups } from '../stats/rollup-reads.ts';
import { justifiedSegments } from '../explanations/justified.ts';
import type { KpiSettings } from './kpi-settings.ts';

export type SheetSubject = { kind: 'official' | 'unit'; id: string };

/** Hours to three decimals, as every figure of the API. */
const hours = (seconds: number) => Math.round(seconds / 3.6) / 1000;
const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
const AVOIDANCE_RULES = ['ping_pong', 'repeated_supplement', 'viewed_not_acted'] as const;

export async function subtreeOf(db: Db, unitId: string): Promise<string[]> {
  return [...(await unitsInScope(db, { id: '', username: '', displayName: '', role: 'leader', unitId, backofficeAccount: null }))].sort();
}

/**
 * A KPI sheet's numbers for an official or a unit (its subtree) over a period. Everything comes
 * from derived tables and records, nothing from the clock: computed again with the same settings
 * version over the same events and decisions, it is the same (canonical JSON, byte for byte).
 * Working time is the confirmed custody held against the official (rollups), with accepted
 * explanations taken out; timeliness is the national classification stored by derivation
 * (shared/timeliness: supplement pauses shift the appointment, a second request counts late).
 */
export async function computeSheet(
  db: Db,
  subject: SheetSubject,
  p: DayPeriod & { key: string },
  settingsVersion: number,
  settings: KpiSettings,
) {
  const official =
    subject.kind === 'official'
      ? await db
          .selectFrom('officials')
          .select(['id', 'display_name', 'unit_id', 'username'])
          .where('id', '=', subject.id)
          .executeTakeFirst()
      : undefined;
  const unitId = official ? official.unit_id : subject.id;
  const unit = await db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
  const units = subject.kind === 'unit' ? await subtreeOf(db, subject.id) : [unitId];
  const filter = subject.kind === 'official' ? { officialId: subject.id } : { units };
  const list = units.length ? units : [''];

  const [totals] = await sumRollups(db, filter, [], p);
  const justified = (await justifiedSegments(db, { ...filter, period: p })).filter((s) => s.day !== null);
  const justifiedKeys = new Set(justified.map((s) => `${s.dossierUnitId}\u0000${s.dossierCode}\u0000${s.seq}`));

  // Received: a unit's dossiers received in the period; an official's dossiers that reached them in it.
  const received =
    subject.kind === 'unit'
      ? Number(
          (
            await db
              .selectFrom('dossiers')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('unit_id', 'in', list)
              .where('received_at', '>=', p.fromMs)
              .where('received_at', '<', p.toMs)
              .executeTakeFirst()
          )?.n ?? 0,
        )
      : (
          await db
            .selectFrom('segments')
            .select(['unit_id', 'dossier_code'])
            .distinct()
            .where('holder_id', '=', subject.id)
            .where('evidence', '=', 'confirmed')
            .where('contested', '=', 0)
            .where('from_at', '>=', p.fromMs)
            .where('from_at', '<', p.toMs)
            .execute()
        ).length;

  // The national on-time measure over dossiers finished in the period (an official's: those they held).
  let finishedQ = db
    .selectFrom('dossiers')
    .select((eb) => ['timeliness', 'late_reason', eb.fn.countAll().as('n')])
    .where('finished_at', '>=', p.fromMs)
    .where('finished_at', '<', p.toMs)
    .groupBy(['timeliness', 'late_reason']);
  finishedQ =
    subject.kind === 'unit'
      ? finishedQ.where('unit_id', 'in', list)
      : finishedQ.where((eb) =>
          eb.exists(
            eb
              .selectFrom('segments')
              .select('segments.seq')
              .whereRef('segments.unit_id', '=', 'dossiers.unit_id')
              .whereRef('segments.dossier_code', '=', 'dossiers.code')
              .where('segments.holder_id', '=', subject.id)
              .where('segments.evidence', '=', 'confirmed')
              .where('segments.contested', '=', 0),
          ),
        );
  const finishedRows = await finishedQ.execute();
  const count = (state: string) => finishedRows.filter((r) => r.timeliness === state).reduce((n, r) => n + Number(r.n), 0);
  const onTime = { early: count('early'), onTime: count('on_time'), late: count('late'), unknown: count('unknown') };
  const lateForSupplements = finishedRows
    .filter((r) => r.timeliness === 'late' && r.late_reason === 'multiple_supplements')
    .reduce((n, r) => n + Number(r.n), 0);
  const judged = onTime.early + onTime.onTime + onTime.late;

  const steps = await stepFigures(db, subject, list, p, justifiedKeys);
  const flags = await flagFigures(db, subject, list, p);
  const explanations = await explanationFigures(db, subject, list, p);

  const withinShare = share(
    steps.reduce((n, s) => n + s.withinAllotment, 0),
    steps.reduce((n, s) => n + s.withAllotment, 0),
  );
  const onTimeShare = share(onTime.early + onTime.onTime, judged);
  const segments = Number(totals?.segments ?? 0);
  const noFlags = Math.max(0, 1 - flags.total / Math.max(1, segments));
  const w = settings.weights;
  const score = Math.round(1000 * (w.onTime * (onTimeShare ?? 1) + w.withinAllotment * (withinShare ?? 1) + w.noFlags * noFlags)) / 10;
  const heads = await db
    .selectFrom('officials')
    .select(['id', 'display_name'])
    .where('unit_id', '=', unitId)
    .where('role', '=', 'leader')
    .where('active', '=', 1)
    .orderBy('id')
    .execute();

  return {
    format: 'dossier-pulse-kpi-sheet/1',
    subject: {
      kind: subject.kind,
      id: subject.id,
      name: official ? official.display_name : (unit?.name ?? subject.id),
      unitId,
      unitName: unit?.name ?? unitId,
    },
    period: { key: p.key, from: p.from, to: p.to },
    settingsVersion,
    settings,
    received,
    handled: Number(totals?.handled ?? 0),
    segments,
    workingHours: hours(Number(totals?.working_ms ?? 0) / 1000),
    justifiedHours: hours(justified.reduce((n, s) => n + s.blamedSeconds, 0)),
    activeHours: hours(Number(totals?.active_ms ?? 0) / 1000),
    onTime: { ...onTime, lateForSupplements, earlyOrOnTimeShare: onTimeShare, target: settings.thresholds.onTimeTarget },
    steps: steps.map(({ withAllotment: _, ...s }) => s),
    withinAllotmentShare: withinShare,
    flags,
    avoidance: Object.fromEntries(AVOIDANCE_RULES.map((r) => [r, flags.byRule.find((f) => f.rule === r)?.count ?? 0])),
    explanations,
    score,
    /** The unit's heads, answerable for its late share and open flags. */
    answerable: heads.map((h) => ({ id: h.id, name: h.display_name })),
  };
}
export type SheetBody = Awaited<ReturnType<typeof computeSheet>>;

/**
 * Working hours per step against each procedure's allotment, normalised by peers: for every
 * (procedure, step) the subject handled, what the period's segments of everyone on the same
 * procedure and step took on average, times the subject's count. An index over 1 is slower than
 * peers on the same work, so harder procedures do not count against whoever gets them.
 */
async function stepFigures(db: Db, subject: SheetSubject, units: string[], p: DayPeriod, justified: Set<string>) {
  const base = db
    .selectFrom('segments as s')
    .innerJoin('dossiers as d', (j) => j.onRef('d.unit_id', '=', 's.unit_id').onRef('d.code', '=', 's.dossier_code'))
    .where('s.evidence', '=', 'confirmed')
    .where('s.contested', '=', 0)
    .where('s.day', '>=', p.from)
    .where('s.day', '<=', p.to);
  const own = await (subject.kind === 'official' ? base.where('s.holder_id', '=', subject.id) : base.where('s.holder_unit_id', 'in', units))
    .select(['s.unit_id', 's.dossier_code', 's.seq', 's.step', 's.blamed_seconds', 'd.procedure_code'])
    .execute();
  const peers = await base
    .select((eb) => ['d.procedure_code', 's.step', eb.fn.countAll().as('n'), eb.fn.sum('s.blamed_seconds').as('sec')])
    .groupBy(['d.procedure_code', 's.step'])
    .execute();
  const peerMean = new Map(peers.map((r) => [`${r.procedure_code ?? ''}\u0000${r.step}`, Number(r.sec) / Math.max(1, Number(r.n))]));
  const allotted = new Map<string, number>();
  for (const pr of await db.selectFrom('procedures').select(['code', 'steps']).execute()) {
    for (const s of JSON.parse(pr.steps) as { code: string; allottedHours: number }[])
      allotted.set(`${pr.code}\u0000${s.code}`, s.allottedHours * 3600);
  }
  type Step = {
    step: string;
    segments: number;
    seconds: number;
    justifiedSeconds: number;
    allottedSeconds: number;
    withAllotment: number;
    withinAllotment: number;
    peerSeconds: number;
  };
  const byStep = new Map<string, Step>();
  for (const r of own) {
    const step = byStep.get(r.step) ?? {
      step: r.step,
      segments: 0,
      seconds: 0,
      justifiedSeconds: 0,
      allottedSeconds: 0,
      withAllotment: 0,
      withinAllotment: 0,
      peerSeconds: 0,
    };
    const key = `${r.procedure_code ?? ''}\u0000${r.step}`;
    const isJustified = justified.has(`${r.unit_id}\u0000${r.dossier_code}\u0000${r.seq}`);
    const seconds = isJustified ? 0 : Number(r.blamed_seconds);
    step.segments += 1;
    step.seconds += seconds;
    if (isJustified) step.justifiedSeconds += Number(r.blamed_seconds);
    step.peerSeconds += peerMean.get(key) ?? 0;
    const allot = allotted.get(key);
    if (allot !== undefined) {
      step.allottedSeconds += allot;
      step.withAllotment += 1;
      if (seconds <= allot) step.withinAllotment += 1;
    }
    byStep.set(r.step, step);
  }
  return [...byStep.values()]
    .sort((a, b) => (a.step < b.step ? -1 : a.step > b.step ? 1 : 0))
    .map((s) => ({
      step: s.step,
      segments: s.segments,
      workingHours: hours(s.seconds),
      justifiedHours: hours(s.justifiedSeconds),
      allottedHours: hours(s.allottedSeconds),
      withAllotment: s.withAllotment,
      withinAllotment: s.withinAllotment,
      peerHours: hours(s.peerSeconds),
      normalisedIndex: s.peerSeconds > 0 ? Math.round((s.seconds / s.peerSeconds) * 1000) / 1000 : null,
    }));
}

async function flagFigures(db: Db, subject: SheetSubject, units: string[], p: DayPeriod) {
  let q = db
    .selectFrom('flags')
    .select((eb) => ['rule', eb.fn.countAll().as('n'), eb.fn.sum(eb.case().when('closed_at', 'is', null).then(1).else(0).end()).as('open')])
    .where('opened_at', '>=', p.fromMs)
    .where('opened_at', '<', p.toMs)
    .groupBy('rule');
  q = subject.kind === 'official' ? q.where('official_id', '=', subject.id) : q.where('responsible_unit_id', 'in', units);
  const rows = (await q.execute())
    .map((r) => ({ rule: r.rule, count: Number(r.n), open: Number(r.open ?? 0) }))
    .sort((a, b) => (a.rule < b.rule ? -1 : 1));
  return { total: rows.reduce((n, r) => n + r.count, 0), open: rows.reduce((n, r) => n + r.open, 0), byRule: rows };
}

async function explanationFigures(db: Db, subject: SheetSubject, units: string[], p: DayPeriod) {
  let q = db
    .selectFrom('explanations')
    .select(['id', 'official_id', 'subject_kind', 'subject_key', 'dossier_code', 'reason', 'status', 'decision_note'])
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .orderBy('created_at')
    .orderBy('id');
  q = subject.kind === 'official' ? q.where('official_id', '=', subject.id) : q.where('unit_id', 'in', units);
  const rows = await q.execute();
  const n = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    accepted: n('accepted'),
    rejected: n('rejected'),
    pending: n('pending'),
    list: rows.map((r) => ({
      id: r.id,
      officialId: r.official_id,
      subject: `${r.subject_kind}:${r.subject_key}`,
      dossierCode: r.dossier_code,
      reason: r.reason,
      status: r.status,
      decisionNote: r.decision_note,
    })),
  };
}
