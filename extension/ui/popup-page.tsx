import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { MyStatsReply } from '../messaging/protocol.ts';
import { SignInForm, useStatus } from './sign-in-form.tsx';
import { formatDuration } from './format.ts';

/** The clerk's own view: that timing is on, and their own figures today and this week. */
export function PopupPage() {
  const { status, refresh } = useStatus();
  const [stats, setStats] = useState<MyStatsReply | null>(null);
  useEffect(refresh, []);
  useEffect(() => {
    if (status?.signedIn) void (browser.runtime.sendMessage({ type: 'myStats' }) as Promise<MyStatsReply>).then(setStats);
  }, [status?.signedIn]);
  if (!status) return <main>Đang tải… <span class="en">Loading…</span></main>;
  if (!status.signedIn) {
    return (
      <main>
        <h1>Dossier Pulse</h1>
        <p class="off">Chưa đăng nhập — không ghi nhận <span class="en">Not signed in — nothing is recorded</span></p>
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
      {stats?.error && <p class="error">{stats.error}</p>}
      <dl>
        <dt>Hồ sơ đã xử lý hôm nay <span class="en">handled today</span></dt>
        <dd data-testid="today-handled">{stats?.today?.dossiersHandled ?? 0}</dd>
        <dt>Thời gian làm việc hôm nay <span class="en">active today</span></dt>
        <dd>{formatDuration(stats?.today?.activeSeconds ?? 0)}</dd>
        <dt>Hồ sơ đã xử lý tuần này <span class="en">this week</span></dt>
        <dd>{stats?.week?.dossiersHandled ?? 0}</dd>
        <dt>Thời gian làm việc tuần này <span class="en">active this week</span></dt>
        <dd>{formatDuration(stats?.week?.activeSeconds ?? 0)}</dd>
      </dl>
      <p>
        Chờ gửi <span class="en">queued</span>: {status.queued}
        {status.lastError ? <span class="error"> · {status.lastError}</span> : null}
      </p>
      <button type="button" class="secondary" onClick={() => void browser.runtime.sendMessage({ type: 'logout' }).then(refresh)}>
        Đăng xuất <span class="en">Sign out</span>
      </button>
    </main>
  );
}
