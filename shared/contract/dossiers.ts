import { z } from 'zod';
import { TIMELINESS_STATES } from '../timeliness/index.ts';
import { flagSchema } from './flags.ts';
import { pageResponseSchema } from './page.ts';

/** Dossier answers of the API (GET /v1/dossiers, GET /v1/dossiers/:code). */
const iso = z.string().nullable();

export const dossierSummarySchema = z.object({
  code: z.string(),
  /** The receiving unit, from the code. */
  unitId: z.string(),
  procedureCode: z.string().nullable(),
  /** The captured reception, else the day in the dossier code. */
  receivedAt: iso,
  receptionCaptured: z.boolean(),
  appointmentAt: iso,
  /** Shifted by supplement pauses. */
  effectiveAppointmentAt: iso,
  finishedAt: iso,
  finishedAction: z.string().nullable(),
  /** As of the last derivation (unfinished dossiers are re-derived every few minutes). */
  timeliness: z.enum(TIMELINESS_STATES).nullable(),
  lateReason: z.string().nullable(),
  supplementRequests: z.number().int(),
  holderState: z.enum(['held', 'disputed', 'paused', 'unassigned', 'finished', 'unstarted']).nullable(),
  /** The holder on record, whatever the evidence; see holderEvidence. */
  currentHolderId: z.string().nullable(),
  /** How the current holder's custody is known: only `confirmed` is held against them. */
  holderEvidence: z.enum(['confirmed', 'claimed', 'inferred']).nullable(),
  /** An end another official claimed while the holder's custody stood: not counted until settled. */
  unconfirmedFinish: z.object({ at: z.string(), action: z.string(), officialId: z.string() }).nullable(),
  currentStep: z.string().nullable(),
  openFlags: z.number().int(),
  lastEventAt: iso,
  derivedAt: iso,
});

export const dossierListResponseSchema = z.object({ dossiers: z.array(dossierSummarySchema), page: pageResponseSchema });

export const segmentViewSchema = z.object({
  seq: z.number().int(),
  holder: z.object({ id: z.string(), displayName: z.string().nullable(), unitId: z.string() }),
  /** The procedure's step code when the page's label matched one. */
  step: z.string().nullable(),
  stepLabel: z.string().nullable(),
  from: z.string(),
  to: iso,
  /** Working hours of the unit's calendar; a held segment is measured up to now. */
  workingHours: z.number().nullable(),
  activeHours: z.number().nullable(),
  endedBy: z.string(),
  /** False when the start was inferred (mid-process install, a hand-over without recipient). */
  startKnown: z.boolean(),
  /**
   * How this custody is known: `confirmed` (the holder's own reception, action or work after it
   * reached them, or the page naming them), `claimed` (only another official's hand-over or page
   * names them), `inferred` (neither). Only confirmed custody counts in figures and flags.
   */
  evidence: z.enum(['confirmed', 'claimed', 'inferred']),
  /** How it began: reception, handover, reading (the page named them), resume, recall, takeover, mid_process, unassigned. */
  cause: z.string(),
  /** Whose word named the holder: the hand-over's sender or the page's reader. */
  claimedBy: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  /** Someone else acted on the dossier from here and nothing has settled it: blame stops here. */
  disputedFrom: iso,
  /** Custody someone claimed beside the holder on record, who carried on or still contests it. */
  contested: z.boolean(),
  /** Working hours held against the holder (0 unless confirmed; up to a dispute). */
  blamedHours: z.number().nullable(),
  /** An accepted explanation justified this stretch: shown with its hours, blamed to nobody (issue 18). */
  justified: z.object({ explanationId: z.string(), reason: z.string(), hours: z.number().nullable() }).nullable().optional(),
});

export const eventViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  at: iso,
  officialId: z.string(),
  action: z.string().nullable(),
  toOfficialId: z.string().nullable(),
  step: z.string().nullable(),
  status: z.string().nullable(),
  procedureCode: z.string().nullable(),
  appointmentAt: iso,
  start: iso,
  end: iso,
  /** The official the page named as current handler when this was read (null: none, or unknown). */
  pageHandlerId: z.string().nullable(),
  /** Sent from a back-office signed in as another account: kept, counted for nobody. */
  identityMismatch: z.boolean(),
});

/** GET /v1/dossiers/:code: the custody timeline, the supplement pauses, every flag, the events. */
export const dossierDetailResponseSchema = z.object({
  dossier: dossierSummarySchema,
  segments: z.array(segmentViewSchema),
  pauses: z.array(
    z.object({
      reason: z.literal('supplement'),
      from: z.string().nullable(),
      to: z.string().nullable(),
      workingHours: z.number().nullable(),
    }),
  ),
  flags: z.array(flagSchema),
  /** Only what custody used: no back-office account, no page data, no hash-chain internals. */
  events: z.array(eventViewSchema),
});
