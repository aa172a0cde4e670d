import { z } from 'zod';
import { actionKindSchema } from './dossier.ts';
import { int32 } from './safe-text.ts';

/**
 * A site profile tells the extension how to read one back-office: it is data, written by an
 * admin and validated here, so a new back-office needs a profile, not a new extension build.
 */

/**
 * Profiles come from admins and are served to every extension, whose panels turn `detailUrl`
 * into a link: only web addresses, never `javascript:`, `data:` or `file:`. `<all_urls>` stays
 * allowed for the bundled generic profile: which pages are read is granted per origin at run time.
 */
const WEB_MATCH_RE = /^(<all_urls>|(https?|\*):\/\/[^/\s]+\/\S*)$/;
export function isWebUrlTemplate(template: string): boolean {
  const filled = template.replaceAll('{origin}', 'https://backoffice.invalid').replaceAll('{code}', '000.00.00.H00-000000-0000');
  if (!/^https?:\/\//i.test(filled)) return false;
  try {
    const u = new URL(filled);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Where to read one value: CSS selectors tried in order, then an attribute or the text, then a regex. */
export const fieldRuleSchema = z
  .object({
    selectors: z.array(z.string().min(1)).min(1),
    /** Read this attribute instead of the text content (`value` reads a form control's value). */
    attr: z.string().min(1).optional(),
    /** A regular expression; its first group (or the whole match) is the value. */
    pattern: z.string().min(1).optional(),
  })
  .strict();
export type FieldRule = z.infer<typeof fieldRuleSchema>;

export const fieldRulesSchema = z
  .object({
    procedureCode: fieldRuleSchema.optional(),
    status: fieldRuleSchema.optional(),
    step: fieldRuleSchema.optional(),
    appointmentAt: fieldRuleSchema.optional(),
    /** The official the page names as the current handler (account or display name). */
    handler: fieldRuleSchema.optional(),
  })
  .strict();

export const actionRuleSchema = z
  .object({
    kind: actionKindSchema,
    /** `click`: a click on an element matching `selector` and/or whose text is one of `text`; `submit`: a form matching `selector` is submitted. */
    on: z.enum(['click', 'submit']).default('click'),
    selector: z.string().min(1).optional(),
    text: z.array(z.string().min(1)).optional(),
    /** Within the dialog or form being confirmed: who receives the dossier on a hand-over. */
    toAccount: fieldRuleSchema.optional(),
  })
  .strict()
  .refine((r) => r.selector || (r.text && r.text.length > 0), { message: 'an action rule needs a selector or a text' });

export const pageRuleSchema = z
  .object({
    kind: z.enum(['list', 'detail']),
    /** A regular expression tested against the URL's path, query and hash. */
    path: z.string().min(1),
    /** A list page: one element per dossier row. */
    rows: fieldRuleSchema.optional(),
    /** The dossier code: in a list, read inside each row; on a detail page, on the page (or from `path`'s first group). */
    code: fieldRuleSchema.optional(),
    fields: fieldRulesSchema.default({}),
    /** Element whose presence means the page is ready to read (single-page apps render late). */
    ready: z.string().optional(),
  })
  .strict();
export type PageRule = z.infer<typeof pageRuleSchema>;

export const siteProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    version: int32().min(1),
    name: z.string().min(1),
    /** Match patterns (`http://host:port/*`, `https://*.example.vn/*`); ports are compared when given. */
    matches: z.array(z.string().regex(WEB_MATCH_RE, 'chỉ mẫu http(s):// hoặc *:// / only http(s):// or *:// match patterns')).min(1),
    pages: z.array(pageRuleSchema).min(1),
    /** The back-office account signed in on the page. */
    user: fieldRuleSchema.optional(),
    actions: z.array(actionRuleSchema).default([]),
    /** How dates are written on the page, e.g. `dd/MM/yyyy HH:mm`. */
    dateFormat: z.string().default('dd/MM/yyyy HH:mm'),
    /** Opens a dossier in this back-office: `{origin}` and `{code}` are replaced. */
    detailUrl: z.string().refine(isWebUrlTemplate, 'chỉ liên kết http(s) / only http(s) links').optional(),
    /** Also run inside frames of matching pages (server-rendered back-offices use them). */
    allFrames: z.boolean().default(true),
  })
  .strict();
export type SiteProfile = z.infer<typeof siteProfileSchema>;
export type SiteProfileInput = z.input<typeof siteProfileSchema>;
