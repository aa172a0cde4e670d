import type { PageLike } from './page-like.ts';

export type BrowserName = 'chromium' | 'firefox';

/** A real browser with the real built extension, whichever browser it is. */
export interface ExtensionBrowserLike {
  readonly name: BrowserName;
  /** The profile; launching again with it reopens the same extension storage. */
  readonly userDataDir: string;
  newPage(): Promise<PageLike>;
  /** One of the extension's own pages (`options.html`, `popup.html`). */
  openExtensionPage(path: string): Promise<PageLike>;
  /** A runtime message sent from an extension page, as the popup and options page send them. */
  sendMessage<T>(message: unknown): Promise<T>;
  /** Stops the extension's background the way the browser does when it idles. */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
}

export type LaunchOptions = { userDataDir?: string };
