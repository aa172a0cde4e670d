import { z } from 'zod';
import { actionKindSchema, dossierCodeSchema, procedureCodeSchema } from './dossier.ts';
import { int32, safeText } from './safe-text.ts';

/**
 * What the extension may send. Every object is strict: a field that is not on this whitelist
 * (a citizen's name, a form's contents) makes the event invalid instead of being stored.
 */
const instant = z.iso.datetime({ offset: true });
/** Stored as sent on both databases: well-formed Unicode, no NUL (see safe-text.ts). */
const shortText = safeText({ min: 1, max: 200 });
const account = safeText({ min: 1, max: 100 });

/** The whitelisted facts read from a dossier's page. */
export const dossierFieldsSchema = z
  .object({
    procedureCode: procedureCodeSchema.optional(),
    status: shortText.optional(),
    step: shortText.optional(),
    appointmentAt: instant.optional(),
    /**
     * The official the page itself names as the dossier's current handler ("Cán bộ đang xử lý"):
     * their back-office account or display name, never a citizen's data. Evidence of who holds
     * the dossier, read by anyone's view; the server maps it to an official.
     */
    handler: account.optional(),
  })
  .strict();
export type DossierFields = z.infer<typeof dossierFieldsSchema>;

const profileRefSchema = z.object({ id: safeText({ min: 1, max: 100, trim: false }), version: int32().min(0) }).strict();

const base = {
  id: z.uuid(),
  /** When it happened, by the client's clock; the server corrects skew from the batch's sentAt. */
  at: instant,
  profile: profileRefSchema,
  /** The back-office account signed in on the page: the official's own account, nobody else's. */
  backofficeUser: account.optional(),
  /** Set when the back-office account differs from the official signed in to the extension. */
  identityMismatch: z.boolean().optional(),
};

export const openEventSchema = z
  .object({ ...base, kind: z.literal('open'), dossierCode: dossierCodeSchema, fields: dossierFieldsSchema.optional() })
  .strict();

export const closeEventSchema = z.object({ ...base, kind: z.literal('close'), dossierCode: dossierCodeSchema }).strict();

/** A span of active handling: page visible, focused and the official not idle. */
export const activeEventSchema = z
  .object({
    ...base,
    kind: z.literal('active'),
    dossierCode: dossierCodeSchema,
    start: instant,
    end: instant,
  })
  .strict()
  .refine((e) => Date.parse(e.end) >= Date.parse(e.start), { message: 'end trước start', path: ['end'] })
  .refine((e) => Date.parse(e.end) - Date.parse(e.start) <= 12 * 3600_000, {
    message: 'một khoảng hoạt động dài quá 12 giờ',
    path: ['end'],
  });

export const actionEventSchema = z
  .object({
    ...base,
    kind: z.literal('action'),
    dossierCode: dossierCodeSchema,
    action: actionKindSchema,
    /** For hand-overs: the back-office account of the official who receives the dossier. */
    toAccount: account.optional(),
    fields: dossierFieldsSchema.optional(),
  })
  .strict();

export const listSeenEventSchema = z
  .object({
    ...base,
    kind: z.literal('list_seen'),
    rows: z
      .array(z.object({ dossierCode: dossierCodeSchema, fields: dossierFieldsSchema.optional() }).strict())
      .min(1)
      .max(500),
  })
  .strict();

/**
 * A page matched a profile's URL but an anchor was missing: no page content, only which anchor.
 * `none`: the page matched the profile's origin but none of its page rules (it was not read).
 */
export const profileMissEventSchema = z
  .object({
    ...base,
    kind: z.literal('profile_miss'),
    pageKind: z.enum(['list', 'detail', 'none']),
    anchor: safeText({ min: 1, max: 100, trim: false }),
  })
  .strict();

export const eventSchema = z.discriminatedUnion('kind', [
  openEventSchema,
  closeEventSchema,
  activeEventSchema,
  actionEventSchema,
  listSeenEventSchema,
  profileMissEventSchema,
]);
export type CaptureEvent = z.infer<typeof eventSchema>;

export const MAX_BATCH_EVENTS = 1000;
export const MAX_BATCH_BYTES = 1024 * 1024;

/** The batch envelope is checked first; each event is then checked on its own. */
export const eventBatchSchema = z.object({
  sentAt: instant,
  /**
   * The client's own estimate of (server clock − client clock), measured NTP-style from
   * `serverTime` on earlier answers. Preferred over `receivedAt − sentAt`, which mistakes time a
   * batch spent in transit (a slow network, a proxy) for clock skew.
   */
  clockOffsetMs: z
    .number()
    .int()
    .min(-7 * 86_400_000)
    .max(7 * 86_400_000)
    .optional(),
  events: z.array(z.unknown()).max(MAX_BATCH_EVENTS),
});

export const eventResultSchema = z.object({
  id: z.string().nullable(),
  index: z.number().int(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
export type EventResult = z.infer<typeof eventResultSchema>;

export const ingestResponseSchema = z.object({
  results: z.array(eventResultSchema),
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  skewMs: z.number(),
  serverTime: z.string(),
});
