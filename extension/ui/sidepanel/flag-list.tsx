import { useEffect, useState } from 'preact/hooks';
import { SEVERITY_LABELS } from '../../../shared/labels/custody-labels.ts';
import { formatHours } from '../../../shared/format/format.ts';
import type { FlagList as FlagListReply, FlagView } from '../../messaging/api-types.ts';
import { RULE_LABELS } from '../../messaging/api-types.ts';
import { ask } from './ask.ts';

const REFRESH_MS = 30_000;

/** Flagged dossiers in the inspector's scope, worst first; refreshes while the panel is open. */
export function FlagList(props: { onOpen: (code: string) => void }) {
  const [filters, setFilters] = useState({ unitId: '', rule: '', severity: '', minAgeHours: '' });
  const [reply, setReply] = useState<{ flags: FlagView[]; error?: string } | null>(null);
  const [units, setUnits] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const query = { ...filters, minAgeHours: filters.minAgeHours ? Number(filters.minAgeHours) : undefined, limit: 200 };
      const r = await ask<FlagListReply>({ type: 'flags', query });
      if (!live) return;
      setReply(r.data ? { flags: r.data.flags } : { flags: [], error: r.error });
      if (r.data) setUnits((u) => [...new Set([...u, ...r.data!.flags.map((f) => f.unitId)])].sort());
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [filters.unitId, filters.rule, filters.severity, filters.minAgeHours]);

  const set = (k: keyof typeof filters) => (e: Event) => setFilters({ ...filters, [k]: (e.currentTarget as HTMLSelectElement).value });
  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">
        Hồ sơ bị cảnh báo <span class="en">Flagged dossiers</span>
      </h1>
      <div class="filters">
        <label>
          Đơn vị <span class="en">Unit</span>
          <select value={filters.unitId} onChange={set('unitId')}>
            <option value="">Tất cả / All</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quy tắc <span class="en">Rule</span>
          <select value={filters.rule} onChange={set('rule')}>
            <option value="">Tất cả / All</option>
            {Object.entries(RULE_LABELS).map(([id, [vi, en]]) => (
              <option key={id} value={id}>
                {vi} / {en}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mức độ <span class="en">Severity</span>
          <select value={filters.severity} onChange={set('severity')}>
            <option value="">Tất cả / All</option>
            <option value="warning">Cảnh báo trở lên / Warning+</option>
            <option value="critical">Nghiêm trọng / Critical</option>
          </select>
        </label>
        <label>
          Tồn tại từ <span class="en">Age</span>
          <select value={filters.minAgeHours} onChange={set('minAgeHours')}>
            <option value="">Bất kỳ / Any</option>
            <option value="8">≥ 8 giờ / h</option>
            <option value="24">≥ 24 giờ / h</option>
            <option value="72">≥ 72 giờ / h</option>
          </select>
        </label>
      </div>
      {reply?.error && <p class="error">{reply.error}</p>}
      {/* One state at a time: an error (signed out, server down) is not "nothing flagged". */}
      {!reply ? (
        <p>
          Đang tải… <span class="en">Loading…</span>
        </p>
      ) : reply.error ? null : reply.flags.length === 0 ? (
        <p>
          Không có hồ sơ bị cảnh báo <span class="en">No flagged dossiers</span>
        </p>
      ) : (
        <table data-testid="flag-table">
          <thead>
            <tr>
              <th scope="col">Hồ sơ</th>
              <th scope="col">Cảnh báo</th>
              <th scope="col" class="num">
                Giờ vượt
              </th>
            </tr>
          </thead>
          <tbody>
            {reply.flags.map((f) => (
              <tr key={f.key}>
                <td>
                  <button type="button" class="link" onClick={() => props.onOpen(f.dossierCode)}>
                    {f.dossierCode}
                  </button>
                </td>
                <td>
                  <span class={`sev ${f.severity}`}>{(SEVERITY_LABELS[f.severity] ?? [f.severity])[0]}</span>{' '}
                  {(RULE_LABELS[f.rule] ?? [f.rule])[0]}
                </td>
                <td class="num">{formatHours(f.hoursOver)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
