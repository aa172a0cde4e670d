import type { DossierDetail } from '../../messaging/api-types.ts';
import { formatActiveHours, formatDateTime, formatWorkingHours } from '../../../shared/format/format.ts';
import { EVIDENCE_LABELS } from '../../../shared/labels/custody-labels.ts';

/**
 * A lane per holder: their segments as bars on one time axis, active time inside each bar.
 * Custody only claimed or inferred is hatched and says so; a lane's hours are those held against
 * its official (confirmed custody only).
 */
export function Timeline(props: { detail: DossierDetail }) {
  const { segments, pauses } = props.detail;
  const times = [...segments.flatMap((s) => [s.from, s.to]), ...pauses.flatMap((p) => [p.from, p.to])]
    .filter((t): t is string => !!t)
    .map(Date.parse);
  if (times.length === 0) return <p class="muted">Chưa có dữ liệu / No data yet</p>;
  const start = Math.min(...times);
  const end = Math.max(Date.now(), ...times);
  const span = Math.max(1, end - start);
  const pos = (iso: string | null, fallback: number) => ((iso ? Date.parse(iso) : fallback) - start) / span;
  const lanes = new Map<string, { name: string; bars: DossierDetail['segments']; hours: number; active: number }>();
  for (const s of segments) {
    const lane = lanes.get(s.holder.id) ?? { name: s.holder.displayName ?? s.holder.id, bars: [], hours: 0, active: 0 };
    lane.bars.push(s);
    lane.hours += s.blamedHours ?? 0;
    lane.active += s.activeHours ?? 0;
    lanes.set(s.holder.id, lane);
  }
  return (
    <div class="timeline" role="table" aria-label="Dòng thời gian giữ hồ sơ / Custody timeline">
      {[...lanes.values()].map((lane) => (
        <div class="lane" role="row" key={lane.name}>
          <span role="rowheader">{lane.name}</span>
          <span class="track" role="cell">
            {lane.bars.map((s) => {
              const left = pos(s.from, start);
              const width = Math.max(0.01, pos(s.to, end) - left);
              const activeShare = s.workingHours && s.activeHours !== null ? Math.min(1, s.activeHours / s.workingHours) : 0;
              return (
                <span
                  key={s.seq}
                  class={`seg ${s.evidence}${s.contested ? ' contested' : ''}`}
                  style={{ left: `${left * 100}%`, width: `${width * 100}%` }}
                  title={`${s.stepLabel ?? s.step ?? ''} · ${s.from ? formatDateTime(Date.parse(s.from)) : '?'} → ${s.to ? formatDateTime(Date.parse(s.to)) : 'nay'} · ${formatWorkingHours(s.workingHours)}, ${formatActiveHours(s.activeHours)} · ${EVIDENCE_LABELS[s.evidence]?.[0] ?? s.evidence}${s.claimedBy ? ` (theo ${s.claimedBy.displayName ?? s.claimedBy.id})` : ''}${s.contested ? ' · bị tranh chấp' : ''}`}
                >
                  <span class="active" style={{ width: `${activeShare * 100}%` }} />
                </span>
              );
            })}
          </span>
          <span role="cell" class="num">
            {formatWorkingHours(lane.hours)}
          </span>
        </div>
      ))}
      {pauses.length > 0 && (
        <div class="lane" role="row">
          <span role="rowheader">Chờ bổ sung / paused</span>
          <span class="track" role="cell">
            {pauses.map((p, i) => (
              <span
                key={i}
                class="seg pause"
                style={{ left: `${pos(p.from, start) * 100}%`, width: `${Math.max(0.01, pos(p.to, end) - pos(p.from, start)) * 100}%` }}
              />
            ))}
          </span>
          <span role="cell">{formatWorkingHours(pauses.reduce((s, p) => s + (p.workingHours ?? 0), 0))}</span>
        </div>
      )}
    </div>
  );
}
