/**
 * Real-Chromium plumbing shared by the smoke tests and the screenshots script, plus a reader
 * that applies a site profile's field rules inside a page the way the extension's reader does,
 * so the bundled profiles are checked against the markup they were written for.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { FieldRule, PageRule, SiteProfile } from '../../shared/schemas/profile.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Missing Chromium skips the browser tests on a workstation but fails them under CI=true. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  if (process.env.CI === 'true') return null;
  return `${CHROMIUM_PATH} is missing (set CI=true to make this a failure)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Reads one field rule in the page: first selector found, collapsed text or attribute, then the pattern. */
export function readRule(frame: Page | Frame, rule: FieldRule, within?: string): Promise<string | null> {
  return frame.evaluate(
    ({ rule, within }) => {
      const root: ParentNode = within ? (document.querySelector(within) ?? document) : document;
      let el: Element | null = null;
      for (const s of rule.selectors) if ((el = root.querySelector(s))) break;
      if (!el) return null;
      const raw = rule.attr === 'value' ? (el as HTMLInputElement).value : rule.attr ? el.getAttribute(rule.attr) : el.textContent;
      const text = (raw ?? '').replace(/\s+/g, ' ').trim();
      if (!rule.pattern) return text || null;
      const m = new RegExp(rule.pattern, 'u').exec(text);
      return m ? (m[1] ?? m[0]) : null;
    },
    { rule, within },
  );
}

export interface DetailReading {
  code: string | null;
  procedureCode: string | null;
  status: string | null;
  step: string | null;
  appointmentAt: string | null;
}

export async function readDetail(frame: Page | Frame, page: PageRule): Promise<DetailReading> {
  const f = page.fields ?? {};
  const read = (r: FieldRule | undefined) => (r ? readRule(frame, r) : Promise.resolve(null));
  return {
    code: await read(page.code),
    procedureCode: await read(f.procedureCode),
    status: await read(f.status),
    step: await read(f.step),
    appointmentAt: await read(f.appointmentAt),
  };
}

/** The codes a list page rule finds, row by row. */
export function readListCodes(frame: Page | Frame, page: PageRule): Promise<Array<string | null>> {
  return frame.evaluate(
    ({ rows, code }) => {
      const els = [...document.querySelectorAll(rows)];
      return els.map((row) => {
        for (const s of code) {
          const el = row.querySelector(s);
          if (el) return (el.textContent ?? '').trim();
        }
        return null;
      });
    },
    { rows: page.rows!.selectors[0]!, code: page.code!.selectors },
  );
}

export function pageRule(profile: SiteProfile, url: string): PageRule | null {
  const u = new URL(url);
  return profile.pages.find((p) => new RegExp(p.path).test(u.pathname + u.search + u.hash)) ?? null;
}

/** Which of the profile's submit rules the given form matches: exactly one for a well-made profile. */
export function matchingSubmitRules(frame: Page | Frame, profile: SiteProfile, formSelector: string): Promise<string[]> {
  const rules = profile.actions.filter((a) => a.on === 'submit').map((a) => ({ kind: a.kind, selector: a.selector! }));
  return frame.evaluate(
    ({ rules, formSelector }) => {
      const form = document.querySelector(formSelector);
      return form ? rules.filter((r) => form.matches(r.selector)).map((r) => r.kind) : [];
    },
    { rules, formSelector },
  );
}
