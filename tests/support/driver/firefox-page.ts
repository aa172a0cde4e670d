import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import type { FrameLike, FrameLocatorLike, LocatorLike, PageLike, TextMatch, WaitState } from './page-like.ts';

/**
 * Playwright's locator semantics (chained CSS, `hasText`, `or`, `first`, labels, roles, test ids,
 * auto-waiting, strictness) over a puppeteer-core page, so the scenarios written for Chromium
 * drive Firefox unchanged. Clicks are real input (WebDriver BiDi `input.performActions`).
 */

type Text = string | { source: string; flags: string };
type Step =
  | { css: string; hasText?: Text }
  | { label: Text }
  | { role: 'button'; name?: Text }
  | { testId: string }
  | { nth: number }
  | { or: Step[][] }
  | { frame: string };

const DEFAULT_TIMEOUT = 30_000;
const POLL_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (t: TextMatch): Text => (typeof t === 'string' ? t : { source: t.source, flags: t.flags });

/** Runs in the page: the elements a chain of steps (without frame steps) finds, in document order. */
function resolveInPage(steps: Step[]): Element[] {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const matches = (t: Text, value: string) =>
    typeof t === 'string' ? norm(value).toLowerCase().includes(norm(t).toLowerCase()) : new RegExp(t.source, t.flags).test(norm(value));
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const within = (roots: (Document | Element)[], sel: string) => {
    const out: Element[] = [];
    for (const r of roots) for (const el of Array.from(r.querySelectorAll(sel))) if (!out.includes(el)) out.push(el);
    return out;
  };
  const docOrder = (els: Element[]) => els.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const run = (chain: Step[], start: (Document | Element)[]): Element[] => {
    let roots = start;
    for (const s of chain) {
      if ('nth' in s) roots = roots.length > s.nth ? [roots[s.nth]!] : [];
      else if ('or' in s) roots = docOrder([...new Set(s.or.flatMap((c) => run(c, roots)))]);
      else if ('css' in s) roots = within(roots, s.css).filter((el) => !s.hasText || matches(s.hasText, el.textContent ?? ''));
      else if ('testId' in s) roots = within(roots, `[data-testid="${CSS.escape(s.testId)}"]`);
      else if ('role' in s) {
        roots = within(roots, 'button, input[type=button], input[type=submit], input[type=reset], [role=button]').filter((el) => {
          const name = el.getAttribute('aria-label') ?? (el instanceof HTMLInputElement ? el.value : el.textContent);
          return visible(el) && (!s.name || matches(s.name, name ?? ''));
        });
      } else if ('label' in s) {
        const found = new Set<Element>();
        for (const l of within(roots, 'label'))
          if (matches(s.label, l.textContent ?? '') && (l as HTMLLabelElement).control) found.add((l as HTMLLabelElement).control!);
        for (const el of within(roots, '[aria-label]')) if (matches(s.label, el.getAttribute('aria-label') ?? '')) found.add(el);
        roots = docOrder([...found]);
      }
    }
    return roots as Element[];
  };
  return run(steps, [document]);
}

async function handlesOf(frame: Frame, steps: Step[]): Promise<ElementHandle<Element>[]> {
  const i = steps.findIndex((s) => 'frame' in s);
  if (i < 0) {
    const list = await frame.evaluateHandle(resolveInPage, steps);
    const props = await list.getProperties();
    await list.dispose();
    return [...props.values()].map((h) => h.asElement()).filter((h): h is ElementHandle<Element> => h !== null);
  }
  const iframes = await handlesOf(frame, [...steps.slice(0, i), { css: (steps[i] as { frame: string }).frame }]);
  const out: ElementHandle<Element>[] = [];
  for (const h of iframes) {
    const inner = await h.contentFrame();
    if (inner) out.push(...(await handlesOf(inner, steps.slice(i + 1))));
  }
  return out;
}

async function isShown(h: ElementHandle<Element>): Promise<boolean> {
  return h.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  });
}

export class FirefoxLocator implements LocatorLike {
  private readonly page: FirefoxPage;
  private readonly steps: Step[];
  constructor(page: FirefoxPage, steps: Step[]) {
    this.page = page;
    this.steps = steps;
  }

  private with(step: Step): FirefoxLocator {
    return new FirefoxLocator(this.page, [...this.steps, step]);
  }
  locator(selector: string, options: { hasText?: TextMatch } = {}): FirefoxLocator {
    return this.with({ css: selector, ...(options.hasText !== undefined ? { hasText: text(options.hasText) } : {}) });
  }
  or(other: LocatorLike): FirefoxLocator {
    if (!(other instanceof FirefoxLocator)) throw new Error('or(): both locators must come from the same Firefox page');
    return new FirefoxLocator(this.page, [{ or: [this.steps, other.steps] }]);
  }
  first(): FirefoxLocator {
    return this.with({ nth: 0 });
  }

  private async all(): Promise<ElementHandle<Element>[]> {
    // A navigation may destroy the context mid-query; the caller's wait loop asks again.
    return handlesOf(this.page.raw.mainFrame(), this.steps).catch(() => []);
  }

  /** The one element, waited for as Playwright does before acting; more than one is an error (strict mode). */
  private async one(state: WaitState = 'visible', timeout = DEFAULT_TIMEOUT): Promise<ElementHandle<Element>> {
    const until = Date.now() + timeout;
    for (;;) {
      const found = await this.all();
      if (found.length > 1) throw new Error(`strict mode violation: ${JSON.stringify(this.steps)} matched ${found.length} elements`);
      if (found.length === 1 && (state !== 'visible' || (await isShown(found[0]!).catch(() => false)))) return found[0]!;
      if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${JSON.stringify(this.steps)} to be ${state}`);
      await sleep(POLL_MS);
    }
  }

  async waitFor(options: { state?: WaitState; timeout?: number } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    if (state === 'attached' || state === 'visible') {
      await this.one(state, timeout);
      return;
    }
    const until = Date.now() + timeout;
    for (;;) {
      const found = await this.all();
      const shown = found.length === 1 && (await isShown(found[0]!).catch(() => false));
      if (found.length === 0 || (state === 'hidden' && !shown)) return;
      if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${JSON.stringify(this.steps)} to be ${state}`);
      await sleep(POLL_MS);
    }
  }

  async click(): Promise<void> {
    await (await this.one()).click();
  }
  async fill(value: string): Promise<void> {
    const el = await this.one();
    await el.focus();
    await el.evaluate((node, v) => {
      const input = node as HTMLInputElement | HTMLTextAreaElement;
      // The prototype's setter, as typing would, so frameworks watching `value` notice.
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
      if (setter) setter.call(input, v);
      else input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }
  async check(): Promise<void> {
    const el = await this.one();
    if (!(await el.evaluate((n) => (n as HTMLInputElement).checked))) await el.click();
  }
  async selectOption(value: string): Promise<string[]> {
    const el = await this.one('attached');
    const chosen = await el.evaluate((node, v) => {
      const select = node as HTMLSelectElement;
      const option = Array.from(select.options).find((o) => o.value === v || o.label === v);
      if (!option) return null;
      select.value = option.value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return option.value;
    }, value);
    if (chosen === null) throw new Error(`selectOption: no option ${value} in ${JSON.stringify(this.steps)}`);
    return [chosen];
  }
  async count(): Promise<number> {
    return (await this.all()).length;
  }
  async isVisible(): Promise<boolean> {
    const found = await this.all();
    if (found.length > 1) throw new Error(`strict mode violation: ${JSON.stringify(this.steps)} matched ${found.length} elements`);
    return found.length === 1 && (await isShown(found[0]!).catch(() => false));
  }
  async textContent(): Promise<string | null> {
    return (await this.one('attached')).evaluate((n) => n.textContent);
  }
  async getAttribute(name: string): Promise<string | null> {
    return (await this.one('attached')).evaluate((n, a) => n.getAttribute(a), name);
  }
  async inputValue(): Promise<string> {
    return (await this.one('attached')).evaluate((n) => (n as HTMLInputElement).value);
  }
}

/** Wraps each puppeteer page once, so identity checks (which page, which frame) hold. */
export type PageRegistry = { wrap(page: Page): FirefoxPage; pages(): FirefoxPage[] };

export class FirefoxPage implements PageLike {
  readonly raw: Page;
  private readonly registry: PageRegistry;
  private readonly frames = new WeakMap<Frame, FrameLike>();
  readonly mouse: { move(x: number, y: number): Promise<void> };

  constructor(raw: Page, registry: PageRegistry) {
    this.raw = raw;
    this.registry = registry;
    this.mouse = { move: (x, y) => raw.mouse.move(x, y) };
  }

  private frameOf(f: Frame): FrameLike {
    let token = this.frames.get(f);
    if (!token) this.frames.set(f, (token = { url: () => f.url() }));
    return token;
  }

  async goto(url: string): Promise<unknown> {
    return this.raw.goto(url, { waitUntil: 'load' });
  }
  url(): string {
    return this.raw.url();
  }
  async close(): Promise<void> {
    if (!this.raw.isClosed()) await this.raw.close();
  }
  context() {
    return { pages: () => this.registry.pages() };
  }
  locator(selector: string, options: { hasText?: TextMatch } = {}): FirefoxLocator {
    return new FirefoxLocator(this, []).locator(selector, options);
  }
  frameLocator(selector: string): FrameLocatorLike {
    return { locator: (sel, options = {}) => new FirefoxLocator(this, [{ frame: selector }]).locator(sel, options) };
  }
  getByLabel(label: TextMatch): FirefoxLocator {
    return new FirefoxLocator(this, [{ label: text(label) }]);
  }
  getByRole(role: 'button', options: { name?: TextMatch } = {}): FirefoxLocator {
    return new FirefoxLocator(this, [{ role, ...(options.name !== undefined ? { name: text(options.name) } : {}) }]);
  }
  getByTestId(testId: string): FirefoxLocator {
    return new FirefoxLocator(this, [{ testId }]);
  }
  async fill(selector: string, value: string): Promise<void> {
    await this.locator(selector).fill(value);
  }
  async click(selector: string): Promise<void> {
    await this.locator(selector).click();
  }
  mainFrame(): FrameLike {
    return this.frameOf(this.raw.mainFrame());
  }
  async waitForURL(url: RegExp, timeout = DEFAULT_TIMEOUT): Promise<void> {
    const until = Date.now() + timeout;
    while (!url.test(this.raw.url())) {
      if (Date.now() > until) throw new Error(`timed out waiting for the URL to match ${url} (at ${this.raw.url()})`);
      await sleep(POLL_MS);
    }
    await this.waitForLoadState('domcontentloaded');
  }
  waitForEvent(event: 'popup'): Promise<PageLike>;
  waitForEvent(event: 'framenavigated', options: { predicate: (frame: FrameLike) => boolean }): Promise<FrameLike>;
  waitForEvent(event: 'popup' | 'framenavigated', options?: { predicate: (frame: FrameLike) => boolean }): Promise<PageLike | FrameLike> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.raw.off(event, listener);
        reject(new Error(`timed out waiting for ${event}`));
      }, DEFAULT_TIMEOUT);
      const listener = (value: Page | Frame | null) => {
        if (!value) return;
        const wrapped = event === 'popup' ? this.registry.wrap(value as Page) : this.frameOf(value as Frame);
        if (event === 'framenavigated' && options && !options.predicate(wrapped)) return;
        clearTimeout(timer);
        this.raw.off(event, listener);
        resolve(wrapped);
      };
      this.raw.on(event, listener);
    });
  }
  async waitForLoadState(state: 'domcontentloaded' | 'load' = 'load', timeout = DEFAULT_TIMEOUT): Promise<void> {
    const until = Date.now() + timeout;
    for (;;) {
      const ready = await this.raw.evaluate(() => document.readyState).catch(() => 'loading');
      if (ready === 'complete' || (state === 'domcontentloaded' && ready === 'interactive')) return;
      if (Date.now() > until) throw new Error(`timed out waiting for ${state}`);
      await sleep(POLL_MS);
    }
  }
  async waitForTimeout(ms: number): Promise<void> {
    await sleep(ms);
  }
}
