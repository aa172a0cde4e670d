import { chromiumAvailable, firefoxAvailable } from '../requirements.ts';
import { launchWithExtension } from '../browser.ts';
import type { BrowserName, ExtensionBrowserLike, LaunchOptions } from './extension-browser.ts';
import { launchFirefoxWithExtension } from './firefox.ts';

export type ExtensionBrowserKind = {
  name: BrowserName;
  /** Checked when the suite is collected: skips with a printed reason, fails under CI=true. */
  available(): boolean;
  launch(opts?: LaunchOptions): Promise<ExtensionBrowserLike>;
};

/** The browsers the extension ships for; suites that must pass in each take one as a parameter. */
export const EXTENSION_BROWSERS: readonly ExtensionBrowserKind[] = [
  { name: 'chromium', available: chromiumAvailable, launch: launchWithExtension },
  { name: 'firefox', available: firefoxAvailable, launch: launchFirefoxWithExtension },
];
