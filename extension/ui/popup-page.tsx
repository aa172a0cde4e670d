import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ReadReply } from '../messaging/protocol.ts';
import type { MeSummary } from '../messaging/api-types.ts';
import { SignInForm, useStatus } from './sign-in-form.tsx';
import { atRiskLine, figureRows } from './figures.ts';
import { openInspectionPanel } from './open-panel.ts';
import { ExplainFlags, MySheets, WhoLooked } from './popup-evaluation.tsx';

/** The clerk's own view: that timing is on, their own figures, and their dossiers at risk. */
export function PopupPage() {
  const { status, refresh } = useStatus();
  const [summary, setSummary] = useState<ReadReply<MeSummary> | null>(null);
  useEffect(refresh, []);
  useEffect(() => {
    if (status?.signedIn) void (browser.runtime.sendMessage({ type: 'meSummary' }) as Promise<ReadReply<MeSummary>>).then(setSummary);
  }, [status?.signedIn]);
  if (!status)
    return (
      <main>
        Đang tải… <span class="en">Loading…</span>
      </main>
    );
  if (!status.signedIn) {
    return (
      <main>
        <h1>Dossier Pulse</h1>
        <p class="off">
          Chưa đăng nhập — không ghi nhận <span class="en">Not signed in — nothing is recorded</span>
        </p>
        <SignInForm status={status} onChange={refresh} />
      </main>
    );
  }
  return (
    <main>
      <h1>Dossier Pulse</h1>
      <p class="on">
        Đang ghi nhận thời gian xử lý <span class="en">Timing is on</span>
      </p>
      <p>
        {status.official?.displayName} ({status.official?.username})
      </p>
      <h2>
        Số liệu của tôi <span class="en">My figures</span>
      </h2>
      {summary?.error && <p class="error">{summary.error}</p>}
      {summary?.data && (
        <>
          <dl data-testid="my-figures">
            {figureRows(summary.data).map(([vi, en, v]) => (
              <>
                <dt>
                  {vi} <span class="en">{en}</span>
                </dt>
                <dd>{v}</dd>
              </>
            ))}
          </dl>
          <h2>
            Hồ sơ cần chú ý <span class="en">My dossiers at risk</span>
          </h2>
          {summary.data.atRisk.length === 0 ? (
            <p>
              Không có <span class="en">None</span>
            </p>
          ) : (
            <ul data-testid="at-risk">
              {summary.data.atRisk.map((r) => (
                <li key={`${r.dossierCode}-${r.rule}`}>{atRiskLine(r)}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <ExplainFlags />
      <MySheets />
      <WhoLooked />
      <p>
        Chờ gửi <span class="en">queued</span>: {status.queued}
        {status.lastError ? <span class="error"> · {status.lastError}</span> : null}
      </p>
      {status.official?.role !== 'clerk' && (
        <p>
          <button type="button" onClick={() => void openInspectionPanel()}>
            Mở bảng kiểm tra <span class="en">Open inspection panel</span>
          </button>
        </p>
      )}
      <button type="button" class="secondary" onClick={() => void browser.runtime.sendMessage({ type: 'logout' }).then(refresh)}>
        Đăng xuất <span class="en">Sign out</span>
      </button>
    </main>
  );
}
