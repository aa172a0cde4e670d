import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SignInForm, useStatus } from './sign-in-form.tsx';
import { formatDateTime } from '../../shared/format/format.ts';
import { OriginsSection } from './origins-section.tsx';
import { WorkbenchSection } from './workbench-section.tsx';

export function OptionsPage() {
  const { status, refresh } = useStatus();
  useEffect(refresh, []);
  async function signOut() {
    await browser.runtime.sendMessage({ type: 'logout' });
    refresh();
  }
  return (
    <main>
      <h1>
        Dossier Pulse <span class="en">Settings</span>
      </h1>
      <p>
        Tiện ích ghi nhận thời điểm mở, xử lý và chuyển hồ sơ của chính bạn. Không ghi tên, số định danh, điện thoại, email, địa chỉ của
        công dân hay nội dung biểu mẫu.
        <br />
        <span class="en">
          Records when you open, work on and pass on dossiers. Never citizens' names, ID numbers, phones, emails, addresses or form
          contents.
        </span>
      </p>
      {!status ? (
        // Until the service worker answers, neither form: a signed-in official must not see a sign-in form flash.
        <p>
          Đang tải… <span class="en">Loading…</span>
        </p>
      ) : status.signedIn ? (
        <section aria-label="Tài khoản / Account">
          <p class="on" data-testid="signed-in">
            Đã đăng nhập: {status.official?.displayName} ({status.official?.username}) — đang ghi nhận thời gian xử lý
          </p>
          <p>
            Máy chủ / Server: {status.serverUrl} · Chờ gửi / Queued: {status.queued}
            {status.lastSuccessAt ? ` · Gửi lần cuối / Last sent: ${formatDateTime(status.lastSuccessAt)}` : ''}
          </p>
          {status.lastError && <p class="error">{status.lastError}</p>}
          <button type="button" class="secondary" onClick={signOut}>
            Đăng xuất <span class="en">Sign out</span>
          </button>
          <OriginsSection />
          {status.official?.role === 'admin' && <WorkbenchSection />}
        </section>
      ) : (
        <>
          {status.lastError && <p class="error">{status.lastError}</p>}
          <SignInForm status={status} onChange={refresh} />
        </>
      )}
    </main>
  );
}
