import { useEffect, useState } from 'preact/hooks';
import { SEVERITY_LABELS } from '../../../shared/labels/custody-labels.ts';
import { browser } from 'wxt/browser';
import type { DossierDetail } from '../../messaging/api-types.ts';
import { RULE_LABELS } from '../../messaging/api-types.ts';
import { formatDateTime, formatWorkingHours } from '../../../shared/format/format.ts';
import { ask } from './ask.ts';
import { Timeline } from './timeline.tsx';

/** One dossier: who held it for how long, each flag with the events that prove it. */
export function DossierView(props: { code: string; onBack: () => void }) {
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    void ask<DossierDetail>({ type: 'dossier', code: props.code }).then((r) => (r.data ? setDetail(r.data) : setError(r.error)));
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([tab]) => {
      const r = (await browser.runtime.sendMessage({ type: 'detailUrl', code: props.code, tabUrl: tab?.url ?? null })) as {
        url: string | null;
      };
      setLink(r.url);
    });
  }, [props.code]);
  const at = (iso: string | null) => (iso ? formatDateTime(Date.parse(iso)) : '—');
  const eventById = new Map(detail?.events.map((e) => [e.id, e]) ?? []);
  return (
    <section aria-labelledby="dossier-title">
      <button type="button" class="link" onClick={props.onBack}>
        ← Quay lại <span class="en">Back</span>
      </button>
      <h1 id="dossier-title">{props.code}</h1>
      {link && (
        <p>
          <a href={link} target="_blank" rel="noopener">
            Mở trong hệ thống nghiệp vụ <span class="en">Open in the back-office</span>
          </a>
        </p>
      )}
      {error && <p class="error">{error}</p>}
      {detail && (
        <>
          <p>
            Hẹn trả <span class="en">due</span>: {at(detail.dossier.effectiveAppointmentAt ?? detail.dossier.appointmentAt)} · Bước hiện tại{' '}
            <span class="en">step</span>: {detail.dossier.currentStep ?? '—'}
          </p>
          <h2>
            Quá trình xử lý <span class="en">Custody</span>
          </h2>
          <Timeline detail={detail} />
          <h2>
            Cảnh báo <span class="en">Flags</span>
          </h2>
          {detail.flags.length === 0 ? (
            <p>
              Không có <span class="en">None</span>
            </p>
          ) : (
            <ul data-testid="dossier-flags">
              {detail.flags.map((f) => (
                <li key={f.key}>
                  <span class={`sev ${f.severity}`}>{(SEVERITY_LABELS[f.severity] ?? [f.severity])[0]}</span>{' '}
                  {(RULE_LABELS[f.rule] ?? [f.rule])[0]} · từ {at(f.since)} · vượt {formatWorkingHours(f.hoursOver)}
                  {f.status === 'closed' ? ' · đã đóng' : ''}
                  <details>
                    <summary>
                      Bằng chứng ({f.evidence.length}) <span class="en">Evidence</span>
                    </summary>
                    <ul>
                      {f.evidence.map((id) => {
                        const e = eventById.get(id);
                        return <li key={id}>{e ? `${at(e.at)} · ${e.kind}${e.action ? ` · ${e.action}` : ''}` : id}</li>;
                      })}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
