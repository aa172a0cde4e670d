import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ReadReply } from '../messaging/protocol.ts';
import type { WorkbenchReadout } from '../profiles/workbench-readout.ts';

type Tab = { url: string; title: string };

/**
 * The profile workbench for admins (issue 16): pick an open back-office tab, read it as the
 * extension does right now (with the active profile, or a draft pasted here), see what each
 * field reads, what is missing, what looks like personal data (masked) and which action rule the
 * last click on the page matched; then publish the draft as a new version through the API.
 */
export function WorkbenchSection() {
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [url, setUrl] = useState('');
  const [draft, setDraft] = useState('');
  const [out, setOut] = useState<WorkbenchReadout | null>(null);
  const [note, setNote] = useState('');
  const loadTabs = () =>
    void (browser.runtime.sendMessage({ type: 'workbenchTabs' }) as Promise<{ tabs: Tab[] }>).then((r) => {
      setTabs(r.tabs);
      if (!url && r.tabs[0]) setUrl(r.tabs[0].url);
    });
  useEffect(loadTabs, []);

  function parsedDraft(): { ok: true; value: unknown } | { ok: false } {
    if (!draft.trim()) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(draft) };
    } catch (e) {
      setNote(`JSON không hợp lệ / invalid JSON: ${(e as Error).message}`);
      return { ok: false };
    }
  }
  async function read() {
    setNote('');
    const d = parsedDraft();
    if (!d.ok) return;
    setOut((await browser.runtime.sendMessage({ type: 'workbench', url, draft: d.value })) as WorkbenchReadout);
  }
  async function publish() {
    setNote('');
    const d = parsedDraft();
    if (!d.ok || d.value === undefined) return setNote('Dán bản nháp trước / paste a draft first');
    const r = (await browser.runtime.sendMessage({
      type: 'apiCall',
      method: 'POST',
      path: '/v1/admin/profiles',
      body: d.value,
    })) as ReadReply<{ profile: { id: string; version: number } }>;
    setNote(r.data ? `✓ Đã đăng / published ${r.data.profile.id} v${r.data.profile.version}` : `✗ ${r.error}`);
  }
  return (
    <section aria-labelledby="workbench-title" data-testid="workbench">
      <h2 id="workbench-title">
        Bàn làm việc hồ sơ trang <span class="en">Profile workbench</span>
      </h2>
      <label for="wb-tab">
        Trang đang mở <span class="en">Open page</span>
      </label>{' '}
      <select id="wb-tab" value={url} onChange={(e) => setUrl((e.target as HTMLSelectElement).value)}>
        {tabs.map((t) => (
          <option key={t.url} value={t.url}>
            {t.title || t.url}
          </option>
        ))}
      </select>{' '}
      <button type="button" class="secondary" onClick={loadTabs}>
        Làm mới <span class="en">Refresh</span>
      </button>
      <p>
        <label for="wb-draft">
          Bản nháp (JSON; để trống: hồ sơ trang đang dùng) <span class="en">Draft (JSON; empty: the active profile)</span>
        </label>
        <br />
        <textarea id="wb-draft" rows={8} cols={80} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
      </p>
      <button type="button" onClick={() => void read()}>
        Đọc trang <span class="en">Read the page</span>
      </button>{' '}
      <button type="button" class="secondary" onClick={() => void publish()}>
        Đăng phiên bản <span class="en">Publish</span>
      </button>
      {note && <p role="status">{note}</p>}
      {out && <pre data-testid="workbench-readout">{JSON.stringify(out, null, 2)}</pre>}
    </section>
  );
}
