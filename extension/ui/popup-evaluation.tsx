import { useEffect, useState } from 'preact/hooks';
import { ask } from './sidepanel/ask.ts';
import { formatDateTime } from '../../shared/format/format.ts';
import { RULE_LABELS } from '../../shared/labels/custody-labels.ts';

type Flag = { key: string; dossierCode: string; rule: string };
type Reason = { code: string; labelVi: string; labelEn: string };
type Explanation = { subject: { kind: string; key: string }; status: 'pending' | 'accepted' | 'rejected' };
type Read = { at: string; readerName: string; readerRole: string; what: string; detail: string };

const STATUS: Record<Explanation['status'], string> = {
  pending: 'Chờ quyết định',
  accepted: 'Được chấp nhận',
  rejected: 'Không được chấp nhận',
};
const WHAT: Record<string, string> = { figures: 'số liệu', dossier: 'hồ sơ', sheet: 'phiếu đánh giá', export: 'xuất dữ liệu' };
const ROLE: Record<string, string> = { leader: 'lãnh đạo đơn vị', inspector: 'thanh tra', admin: 'quản trị', clerk: 'cán bộ' };

/** The official's right of reply: their own open flags, each with a short explanation form. */
export function ExplainFlags() {
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [mine, setMine] = useState<Explanation[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [reason, setReason] = useState('other_agency');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const load = () => {
    void ask<{ flags: Flag[] }>({ type: 'apiCall', method: 'GET', path: '/v1/flags?status=all&limit=20' }).then((r) =>
      setFlags(r.data?.flags ?? []),
    );
    void ask<{ explanations: Explanation[] }>({ type: 'apiCall', method: 'GET', path: '/v1/explanations' }).then((r) =>
      setMine(r.data?.explanations ?? []),
    );
  };
  useEffect(() => {
    load();
    void ask<{ reasons: Reason[] }>({ type: 'apiCall', method: 'GET', path: '/v1/explanations/reasons' }).then((r) =>
      setReasons(r.data?.reasons ?? []),
    );
  }, []);
  const send = async (f: Flag) => {
    const r = await ask<unknown>({
      type: 'apiCall',
      method: 'POST',
      path: '/v1/explanations',
      body: { subject: { kind: 'flag', key: f.key }, reason, text },
    });
    setMessage(r.error ? `Không gửi được: ${r.error}` : 'Đã gửi giải trình / Explanation sent');
    if (!r.error) {
      setOpen(null);
      setText('');
      load();
    }
  };
  if (!flags || flags.length === 0) return null;
  return (
    <section data-testid="explain-flags">
      <h2>
        Giải trình cảnh báo <span class="en">Explain my flags</span>
      </h2>
      {message && <p role="status">{message}</p>}
      <ul>
        {flags.map((f) => {
          const done = mine.find((e) => e.subject.kind === 'flag' && e.subject.key === f.key && e.status !== 'rejected');
          return (
            <li key={f.key}>
              <code>{f.dossierCode}</code> · {RULE_LABELS[f.rule as keyof typeof RULE_LABELS]?.[0] ?? f.rule}{' '}
              {done ? (
                <em>{STATUS[done.status]}</em>
              ) : open === f.key ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void send(f);
                  }}
                >
                  <label>
                    Lý do <span class="en">Reason</span>
                    <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
                      {reasons.map((r) => (
                        <option key={r.code} value={r.code}>
                          {r.labelVi}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Nội dung (không ghi thông tin của công dân) <span class="en">Text (no citizen's data)</span>
                    <textarea value={text} maxLength={1000} required minLength={3} onInput={(e) => setText(e.currentTarget.value)} />
                  </label>
                  <button type="submit">
                    Gửi <span class="en">Send</span>
                  </button>
                </form>
              ) : (
                <button type="button" class="secondary" onClick={() => setOpen(f.key)}>
                  Giải trình <span class="en">Explain</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Who read this official's figures, dossiers or sheets: the newest few. */
export function WhoLooked() {
  const [reads, setReads] = useState<Read[] | null>(null);
  useEffect(() => {
    void ask<{ reads: Read[] }>({ type: 'apiCall', method: 'GET', path: '/v1/me/reads' }).then((r) => setReads(r.data?.reads ?? []));
  }, []);
  if (!reads) return null;
  return (
    <section>
      <h2>
        Ai đã xem số liệu của tôi <span class="en">Who looked at my figures</span>
      </h2>
      {reads.length === 0 ? (
        <p>
          Chưa ai xem <span class="en">Nobody yet</span>
        </p>
      ) : (
        <ul data-testid="who-looked">
          {reads.slice(0, 10).map((r) => (
            <li key={`${r.at}${r.readerName}${r.detail}`}>
              {formatDateTime(Date.parse(r.at))} · {r.readerName} ({ROLE[r.readerRole] ?? r.readerRole}) · {WHAT[r.what] ?? r.what}{' '}
              <code>{r.detail}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type MySheet = { id: string; period: string; status: 'issued' | 'seen' | 'signed'; commentUntil: string; comment: string | null };
const SHEET_STATUS: Record<MySheet['status'], string> = { issued: 'Chờ tôi xem', seen: 'Tôi đã xem', signed: 'Lãnh đạo đã ký' };

/** The official's own KPI sheets: acknowledge each, with a comment while the window is open. */
export function MySheets() {
  const [sheets, setSheets] = useState<MySheet[] | null>(null);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const load = () =>
    void ask<{ sheets: MySheet[] }>({ type: 'apiCall', method: 'GET', path: '/v1/sheets' }).then((r) => setSheets(r.data?.sheets ?? []));
  useEffect(load, []);
  if (!sheets || sheets.length === 0) return null;
  const seen = async (s: MySheet) => {
    const r = await ask<unknown>({
      type: 'apiCall',
      method: 'POST',
      path: `/v1/sheets/${s.id}/seen`,
      body: comment.trim() ? { comment: comment.trim() } : {},
    });
    setMessage(r.error ? `Không gửi được: ${r.error}` : 'Đã xác nhận / Acknowledged');
    if (!r.error) {
      setComment('');
      load();
    }
  };
  return (
    <section data-testid="my-sheets">
      <h2>
        Phiếu đánh giá của tôi <span class="en">My KPI sheets</span>
      </h2>
      {message && <p role="status">{message}</p>}
      <ul>
        {sheets.map((s) => (
          <li key={s.id}>
            {s.period} · {SHEET_STATUS[s.status]}
            {s.status === 'issued' && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void seen(s);
                }}
              >
                <label>
                  Ý kiến (đến {formatDateTime(Date.parse(s.commentUntil))}) <span class="en">Comment</span>
                  <textarea value={comment} maxLength={2000} onInput={(e) => setComment(e.currentTarget.value)} />
                </label>
                <button type="submit">
                  Xác nhận đã xem <span class="en">Acknowledge</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
