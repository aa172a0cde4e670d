/**
 * The part of Playwright's page and locator API that the back-office scenarios and the
 * browser-parameterised e2e suites use. Playwright's own objects (Chromium) satisfy it as they
 * are; `firefox-page.ts` implements it over puppeteer-core (Firefox through WebDriver BiDi), so
 * one test body drives either browser.
 */
export type TextMatch = string | RegExp;
export type WaitState = 'attached' | 'detached' | 'visible' | 'hidden';

export interface LocatorLike {
  locator(selector: string, options?: { hasText?: TextMatch }): LocatorLike;
  or(other: LocatorLike): LocatorLike;
  first(): LocatorLike;
  waitFor(options?: { state?: WaitState; timeout?: number }): Promise<void>;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  check(): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  textContent(): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  inputValue(): Promise<string>;
}

export interface FrameLocatorLike {
  locator(selector: string, options?: { hasText?: TextMatch }): LocatorLike;
}

/** A frame is only compared by identity (which frame navigated). */
export type FrameLike = object;

export interface PageLike {
  goto(url: string): Promise<unknown>;
  url(): string;
  close(): Promise<void>;
  context(): { pages(): PageLike[] };
  locator(selector: string, options?: { hasText?: TextMatch }): LocatorLike;
  frameLocator(selector: string): FrameLocatorLike;
  getByLabel(text: TextMatch): LocatorLike;
  getByRole(role: 'button', options?: { name?: TextMatch }): LocatorLike;
  getByTestId(testId: string): LocatorLike;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  mainFrame(): FrameLike;
  waitForURL(url: RegExp): Promise<void>;
  waitForEvent(event: 'popup'): Promise<PageLike>;
  waitForEvent(event: 'framenavigated', options: { predicate: (frame: FrameLike) => boolean }): Promise<FrameLike>;
  waitForLoadState(state?: 'domcontentloaded' | 'load'): Promise<void>;
  waitForTimeout(ms: number): Promise<void>;
  mouse: { move(x: number, y: number): Promise<void> };
}
