import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { inUnits } from '../dossiers/dossier-access.ts';
import { getCheckpoint } from '../integrity/checkpoints.repository.ts';
import { DEFAULT_TOLERANCE_MS } from '../../shared/custody/corroborate.ts';
import { unitOfDossier } from '../../shared/schemas/dossier-code.ts';
import type { Slip, SlipLine } from './reconcile.schemas.ts';

type Step = { code: string; name: string; allottedHours: number };

/**
 * The process control slip of a dossier from its confirmed custody (segments of the record, not
 * contested): its reception, each hand-over from one holder to the next, and its end, with the
 * working hours each receiver held it against the step's allotment, and the source of each line
 * (the extension's capture, the back-office's imported log, or both).
 */
export async function controlSlip(db: Db, units: readonly string[], code: string): Promise<Slip> {
  const dossier = await db
    .selectFrom('dossiers')
    .select(['code', 'unit_id', 'procedure_code', 'finished_at', 'finished_action', 'derived_at'])
    .where('code', '=', code)
    .where((eb) => inUnits(eb, units))
    .executeTakeFirst();
  if (!dossier) throw new ApiFailure(404, 'not_found', 'Không tìm thấy hồ sơ / Dossier not found');
  const segments = await db
    .selectFrom('segments')
    .selectAll()
    .where('unit_id', '=', dossier.unit_id)
    .where('dossier_code', '=', code)
    .where('evidence', '=', 'confirmed')
    .where('contested', '=', 0)
    .orderBy('seq')
    .execute();
  const procedure = dossier.procedure_code
    ? await db.selectFrom('procedures').select(['steps']).where('code', '=', dossier.procedure_code).executeTakeFirst()
    : undefined;
  const steps: Step[] = procedure ? (JSON.parse(procedure.steps) as Step[]) : [];
  const holders = [...new Set(segments.flatMap((s) => [s.holder_id, s.claimed_by]).filter((x): x is string => x !== null))];
  const names = new Map(
    holders.length
      ? (await db.selectFrom('officials').select(['id', 'display_name']).where('id', 'in', holders).execute()).map((o) => [
          o.id,
          o.display_name,
        ])
      : [],
  );
  type Act = { who: string | null; action: string | null; at: number };
  const captured: Act[] = (
    await db
      .selectFrom('events')
      .select(['official_id', 'action', 'at'])
      .where('dossier_code', '=', code)
      .where('kind', '=', 'action')
      .where('identity_mismatch', '=', 0)
      .execute()
  ).map((r) => ({ who: r.official_id, action: r.action, at: Number(r.at) }));
  const logged: Act[] = (
    await db
      .selectFrom('backoffice_log')
      .select(['actor_id', 'action', 'at'])
      .where('unit_id', '=', unitOfDossier(code))
      .where('dossier_code', '=', code)
      .execute()
  ).map((r) => ({ who: r.actor_id, action: r.action, at: Number(r.at) }));
  const near = (acts: readonly Act[], who: string, action: string, at: number) =>
    acts.some((a) => a.who === who && a.action === action && Math.abs(a.at - at) <= DEFAULT_TOLERANCE_MS);
  /** Who witnessed the act that began a line: the extension, the back-office's log, or both. */
  const sourceOf = (who: string, action: string, at: number): SlipLine['source'] => {
    const c = near(captured, who, action, at);
    const l = near(logged, who, action, at);
    return c && l ? 'both' : l ? 'imported' : 'captured';
  };
  const stepOf = (label: string | null) => steps.find((s) => s.code === label || s.name === label) ?? null;

  const lines: SlipLine[] = [];
  let previous: (typeof segments)[number] | null = null;
  for (const s of segments) {
    const from = Number(s.from_at);
    const handed = previous !== null && previous.to_at !== null && Number(previous.to_at) === from && previous.holder_id !== s.holder_id;
    const giverId = s.cause === 'reception' ? null : (s.claimed_by ?? (handed ? previous!.holder_id : null));
    const action = s.cause === 'reception' ? 'receive' : handed ? previous!.ended_by : s.cause;
    const actor = s.cause === 'reception' ? s.holder_id : (giverId ?? s.holder_id);
    const step = stepOf(s.step) ?? stepOf(s.step_label);
    const hours = s.to_at === null ? null : Number(s.working_seconds) / 3600;
    if (!(previous !== null && previous.holder_id === s.holder_id && !handed && s.cause === 'handover')) {
      lines.push({
        giverId,
        giver: giverId ? (names.get(giverId) ?? giverId) : null,
        receiverId: s.holder_id,
        receiver: names.get(s.holder_id) ?? s.holder_id,
        at: from,
        action,
        step: s.step_label ?? s.step ?? null,
        workingHours: hours === null ? null : Math.round(hours * 100) / 100,
        allottedHours: step?.allottedHours ?? null,
        late: hours === null || !step ? null : hours > step.allottedHours,
        source: sourceOf(actor, action, from),
      });
    }
    previous = s;
  }
  if (dossier.finished_at !== null && dossier.finished_action && previous) {
    const at = Number(dossier.finished_at);
    lines.push({
      giverId: previous.holder_id,
      giver: names.get(previous.holder_id) ?? previous.holder_id,
      receiverId: null,
      receiver: null,
      at,
      action: dossier.finished_action,
      step: previous.step_label ?? null,
      workingHours: null,
      allottedHours: null,
      late: null,
      source: sourceOf(previous.holder_id, dossier.finished_action, at),
    });
  }
  const checkpoint = await getCheckpoint(db, 'latest');
  return {
    dossierCode: code,
    procedureCode: dossier.procedure_code,
    lines,
    checkpoint: checkpoint ? { seq: Number(checkpoint.seq), at: Number(checkpoint.issued_at) } : null,
    derivedAt: dossier.derived_at === null ? null : Number(dossier.derived_at),
  };
}
