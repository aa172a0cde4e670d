import type { Db } from '../db/connect.ts';
import type { DossierTable } from '../db/tables.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { createDeriveContext } from '../derive/derive-context.ts';
import { hoursOfSeconds } from '../stats/rollup-figures.ts';
import { dossierNotFound, heldBy, inUnits, visibleTo, type DossierScope } from './dossier-access.ts';
import type { DossierListQuery } from './dossiers.schemas.ts';
import { flagView } from '../flags/flag-view.ts';
import { justifiedFlagKeys, justifiedSegments } from '../explanations/justified.ts';

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

export function dossierSummary(d: DossierTable) {
  return {
    code: d.code,
    unitId: d.unit_id,
    procedureCode: d.procedure_code,
    receivedAt: iso(d.received_at),
    receptionCaptured: d.received_known === 1,
    appointmentAt: iso(d.appointment_at),
    effectiveAppointmentAt: iso(d.effective_appointment_at),
    finishedAt: iso(d.finished_at),
    finishedAction: d.finished_action,
    timeliness: d.timeliness,
    lateReason: d.late_reason,
    supplementRequests: Number(d.supplement_requests),
    holderState: d.holder_state,
    currentHolderId: d.current_holder_id,
    holderEvidence: d.holder_evidence,
    unconfirmedFinish: d.unconfirmed_finish ? unconfirmedFinishView(d.unconfirmed_finish) : null,
    currentStep: d.current_step,
    openFlags: Number(d.open_flags),
    lastEventAt: iso(d.last_event_at),
    derivedAt: iso(d.derived_at),
  };
}

function unconfirmedFinishView(json: string) {
  const f = JSON.parse(json) as { at: number; action: string; officialId: string };
  return { at: new Date(f.at).toISOString(), action: f.action, officialId: f.officialId };
}

/**
 * One dossier's timeline. Stored segments measure a still-open segment (and pause) up to the last
 * event; here they are measured up to `now` with the unit's calendar, as custody would.
 * Events are listed with the facts custody used only: no back-office account, no page data.
 */
export async function dossierDetail(db: Db, code: string, scope: DossierScope, now: number) {
  const unitId = unitOfDossier(code);
  const dossier = await db
    .selectFrom('dossiers')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('code', '=', code)
    .where((eb) => visibleTo(eb, scope))
    .executeTakeFirst();
  if (!dossier) throw dossierNotFound(code);

  const segments = await db
    .selectFrom('segments')
    .leftJoin('officials', 'officials.id', 'segments.holder_id')
    .leftJoin('officials as claimant', 'claimant.id', 'segments.claimed_by')
    .select([
      'segments.seq',
      'segments.holder_id',
      'segments.holder_unit_id',
      'officials.display_name',
      'segments.step',
      'segments.step_label',
      'segments.from_at',
      'segments.to_at',
      'segments.working_seconds',
      'segments.active_seconds',
      'segments.ended_by',
      'segments.start_known',
    ])
    .select([
      'segments.evidence',
      'segments.cause',
      'segments.claimed_by',
      'claimant.display_name as claimant_name',
      'segments.disputed_from',
      'segments.contested',
      'segments.blamed_seconds',
    ])
    .where('segments.unit_id', '=', unitId)
    .where('segments.dossier_code', '=', code)
    .orderBy('segments.seq')
    .execute();
  const flags = await db
    .selectFrom('flags')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('dossier_code', '=', code)
    .orderBy('closed_at', 'desc')
    .orderBy('severity_rank')
    .orderBy('hours_over', 'desc')
    .execute();
  const events = await db
    .selectFrom('events')
    .select([
      'id',
      'kind',
      'official_id',
      'at',
      'action',
      'to_official_id',
      'step',
      'status',
      'procedure_code',
      'appointment_at',
      'start_at',
      'end_at',
      'identity_mismatch',
    ])
    .where('dossier_code', '=', code)
    .where('kind', 'in', ['open', 'close', 'active', 'action'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  const readings = await db
    .selectFrom('readings')
    .select(['event_id', 'handler_official_id'])
    .where('unit_id', '=', unitId)
    .where('dossier_code', '=', code)
    .execute();
  const pageHandler = new Map(readings.map((r) => [r.event_id, r.handler_official_id]));
  // Stretches an accepted explanation justified still show, marked, and are no one's blame.
  const justified = new Map((await justifiedSegments(db, { dossier: { unitId, code } })).map((j) => [j.seq, j]));
  const justifiedFlags = await justifiedFlagKeys(
    db,
    flags.map((f) => f.key),
  );

  const live = segments.some((s) => s.to_at === null) || dossier.holder_state === 'paused';
  const clock = live ? await createDeriveContext().calendarFor(db, unitId) : null;
  const liveSeconds = (from: number, stored: number) => (clock ? clock.workingSecondsBetween(from, Math.max(from, now)) : stored);
  const pauses = JSON.parse(dossier.pauses) as { from: number; to: number | null; workingSeconds: number }[];

  return {
    dossier: dossierSummary(dossier),
    segments: segments.map((s) => {
      const open = s.to_at === null;
      const working = open ? liveSeconds(Number(s.from_at), Number(s.working_seconds)) : Number(s.working_seconds);
      const disputed = s.disputed_from === null ? null : Number(s.disputed_from);
      const blamed =
        s.evidence !== 'confirmed'
          ? 0
          : !open
            ? Number(s.blamed_seconds)
            : disputed === null
              ? working
              : (clock?.workingSecondsBetween(Number(s.from_at), Math.max(Number(s.from_at), disputed)) ?? Number(s.blamed_seconds));
      return {
        seq: Number(s.seq),
        holder: { id: s.holder_id, displayName: s.display_name, unitId: s.holder_unit_id },
        step: s.step || null,
        stepLabel: s.step_label,
        from: iso(s.from_at),
        to: iso(s.to_at),
        workingHours: hoursOfSeconds(working),
        activeHours: hoursOfSeconds(Number(s.active_seconds)),
        endedBy: s.ended_by,
        startKnown: s.start_known === 1,
        evidence: s.evidence as 'confirmed' | 'claimed' | 'inferred',
        cause: s.cause,
        claimedBy: s.claimed_by ? { id: s.claimed_by, displayName: s.claimant_name } : null,
        disputedFrom: iso(disputed),
        contested: Number(s.contested) === 1,
        blamedHours: justified.has(Number(s.seq)) ? 0 : hoursOfSeconds(blamed),
        justified: justified.has(Number(s.seq))
          ? {
              explanationId: justified.get(Number(s.seq))!.explanationId,
              reason: justified.get(Number(s.seq))!.reason,
              hours: hoursOfSeconds(blamed),
            }
          : null,
      };
    }),
    pauses: pauses.map((p) => ({
      reason: 'supplement',
      from: iso(p.from),
      to: iso(p.to),
      workingHours: hoursOfSeconds(p.to === null ? liveSeconds(p.from, p.workingSeconds) : p.workingSeconds),
    })),
    flags: flags.map((f) => ({ ...flagView(f, now), justified: justifiedFlags.has(f.key) })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: iso(e.at),
      officialId: e.official_id,
      action: e.action,
      toOfficialId: e.to_official_id,
      step: e.step,
      status: e.status,
      procedureCode: e.procedure_code,
      appointmentAt: iso(e.appointment_at),
      start: iso(e.start_at),
      end: iso(e.end_at),
      pageHandlerId: pageHandler.get(e.id) ?? null,
      identityMismatch: Number(e.identity_mismatch) === 1,
    })),
  };
}

export async function listDossiers(db: Db, scope: DossierScope, q: DossierListQuery) {
  const base = db.selectFrom('dossiers').where((eb) => {
    const conditions = [visibleTo(eb, scope)];
    if (q.unitId) conditions.push(inUnits(eb, [q.unitId]));
    if (q.officialId) conditions.push(heldBy(eb, q.officialId));
    if (q.flagged !== undefined) conditions.push(eb('open_flags', q.flagged ? '>' : '=', 0));
    if (q.finished !== undefined) conditions.push(eb('finished_at', q.finished ? 'is not' : 'is', null));
    if (q.timeliness) conditions.push(eb('timeliness', '=', q.timeliness));
    return eb.and(conditions);
  });
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base.selectAll().orderBy('last_event_at', 'desc').orderBy('code').limit(q.limit).offset(q.offset).execute();
  const count = Number(total?.n ?? 0);
  return {
    dossiers: rows.map(dossierSummary),
    page: { limit: q.limit, offset: q.offset, total: count, nextOffset: q.offset + rows.length < count ? q.offset + rows.length : null },
  };
}
