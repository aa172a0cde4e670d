import { browser } from 'wxt/browser';

type FirefoxSidebar = { sidebarAction: { open(): Promise<void> } };

/**
 * The inspection panel is one entrypoint: Chrome shows it as a side panel, Firefox as a sidebar
 * (WXT writes `side_panel` or `sidebar_action` into each manifest). Call it straight from the
 * click: both browsers open it only within the user's gesture.
 */
export async function openInspectionPanel(): Promise<void> {
  if (import.meta.env.FIREFOX) {
    // No await before this call, or Firefox no longer sees the gesture.
    await (browser as unknown as FirefoxSidebar).sidebarAction.open();
    return;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.windowId !== undefined) await browser.sidePanel.open({ windowId: tab.windowId });
}
