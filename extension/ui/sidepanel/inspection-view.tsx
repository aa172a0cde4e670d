import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../../shared/format/format.ts';
import { ask } from './ask.ts';
import { FindingForm } from './finding-form.tsx';

type Person = { id: string; username: string | null; displayName: string | null } | null;
type Sampled = {
  dossierCode: string;
  weight: number;
  risk: { late: boolean; daysLate: number; openFlags: Record<string, number> };
  evidence: { frozenAt: string; segments: { holder?: { id: string; displayName: string | null } }[] };
  evidenceSha256: string;
  finding: { delayJustified: boolean; responsibleOfficial: Person; note: string } | null;
};
type Detail = {
  inspection: { id: string; unitId: string; status: 'open' | 'closed'; seed: string; drawnAt: string; sampleSize: number };
  dossiers: Sampled[];
};
type Units = { units: { unitId: string; name: string | null }[] };
type TextReply = { text: string; contentType: string };

/** A surprise inspection: a risk-weighted, reproducible sample; a finding per dossier; a report. */
export function InspectionView(props: { onOpen: (code: string) => void }) {
  const [units, setUnits] = useState<Units['units']>([]);
  const [unitId, setUnitId] = useState('');
  const [size, setSize] = useState(5);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void ask<Units>({ type: 'apiCall', method: 'GET', path: '/v1/stats/units' }).then((r) => {
      if (r.data) {
        setUnits(r.data.units);
        setUnitId((u) => u || r.data!.units[0]?.unitId || '');
      } else setError(r.error);
    });
  }, []);

  const reload = async (id: string) => {
    const r = await ask<Detail>({ type: 'apiCall', method: 'GET', path: `/v1/inspections/${id}` });
    if (r.data) setDetail(r.data);
    else setError(r.error);
  };
  async function start(e: Event) {
    e.preventDefault();
    setError(null);
    const r = await ask<Detail>({ type: 'apiCall', method: 'POST', path: '/v1/inspections', body: { unitId, sampleSize: size } });
    if (r.data) setDetail(r.data);
    else setError(r.error);
  }
  async function close() {
    const r = await ask<unknown>({ type: 'apiCall', method: 'POST', path: `/v1/inspections/${detail!.inspection.id}/close`, body: {} });
    if (r.error) setError(r.error);
    await reload(detail!.inspection.id);
  }
  async function download(kind: 'html' | 'csv') {
    const r = await ask<TextReply>({ type: 'apiCall', method: 'GET', path: `/v1/inspections/${detail!.inspection.id}/report.${kind}` });
    if (!r.data) return setError(r.error);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([r.data.text], { type: r.data.contentType }));
    a.download = `kiem-tra-${detail!.inspection.id}.${kind}`;
    a.click();
  }

  return (
    <section aria-labelledby="insp-title">
      <h1 id="insp-title">
        Kiểm tra đột xuất <span class="en">Surprise inspection</span>
      </h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!detail ? (
        <form onSubmit={start} aria-label="Chọn mẫu / Draw a sample">
          <label>
            Đơn vị <span class="en">Unit</span>
            <select value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
              {units.map((u) => (
                <option key={u.unitId} value={u.unitId}>
                  {u.name ?? u.unitId}
                </option>
              ))}
            </select>
          </label>
          <label>
            Số hồ sơ chọn mẫu <span class="en">Sample size</span>
            <input type="number" min={1} max={100} value={size} onInput={(e) => setSize(Number(e.currentTarget.value))} />
          </label>
          <button type="submit" disabled={!unitId}>
            Chọn mẫu ngẫu nhiên theo rủi ro <span class="en">Draw a risk-weighted sample</span>
          </button>
        </form>
      ) : (
        <>
          <p>
            {detail.inspection.status === 'open' ? 'Đang kiểm tra' : 'Đã kết thúc'} · hạt giống / seed <code>{detail.inspection.seed}</code>{' '}
            · chọn lúc {formatDateTime(Date.parse(detail.inspection.drawnAt))}
          </p>
          <ol data-testid="sample">
            {detail.dossiers.map((d) => (
              <li key={d.dossierCode}>
                <button type="button" class="link" onClick={() => props.onOpen(d.dossierCode)}>
                  {d.dossierCode}
                </button>{' '}
                <span class="muted">
                  {d.risk.late ? `quá hạn ${d.risk.daysLate} ngày · ` : ''}
                  {Object.entries(d.risk.openFlags)
                    .map(([rule, n]) => `${rule} ×${n}`)
                    .join(', ') || 'không cảnh báo'}{' '}
                  · bằng chứng cố định lúc {formatDateTime(Date.parse(d.evidence.frozenAt))}
                </span>
                {detail.inspection.status === 'open' ? (
                  <FindingForm inspectionId={detail.inspection.id} dossier={d} onSaved={() => void reload(detail.inspection.id)} />
                ) : (
                  d.finding && (
                    <p>
                      {d.finding.delayJustified ? 'Chậm có lý do / justified' : 'Chậm không có lý do / not justified'} · {d.finding.note}
                    </p>
                  )
                )}
              </li>
            ))}
          </ol>
          {detail.inspection.status === 'open' ? (
            <button type="button" onClick={() => void close()}>
              Kết thúc kiểm tra <span class="en">Close the inspection</span>
            </button>
          ) : (
            <p>
              <button type="button" onClick={() => void download('html')}>
                Tải biên bản (HTML) <span class="en">Report</span>
              </button>{' '}
              <button type="button" class="secondary" onClick={() => void download('csv')}>
                Tải CSV
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
