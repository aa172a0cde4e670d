import { api, query } from '../../lib/api-client.ts';
import { weeksOf, type Span } from '../../lib/period.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import type { UnitStatsResponse } from '../../lib/types.ts';

export type WeekPoint = { week: string; early: number; onTime: number; late: number; lateShare: number | null };
export type OverviewData = { current: UnitStatsResponse; previous: UnitStatsResponse; trend: WeekPoint[] };

const unitStats = (s: Span) => api<UnitStatsResponse>(`/v1/stats/units${query({ from: s.from, to: s.to })}`);

/**
 * The period, the one it is compared with, and one call per week for the late-share trend (the
 * API's unit figures are per period; a week is a period). Each dossier counts once, at the unit
 * that received it, so summing the units does not double count.
 */
export function useOverviewData(period: Span, previous: Span) {
  return useLoad<OverviewData>(`${period.from}/${period.to}/${previous.from}/${previous.to}`, async () => {
    const weeks = weeksOf(period);
    const [current, prev, ...weekly] = await Promise.all([unitStats(period), unitStats(previous), ...weeks.map(unitStats)]);
    const trend = weekly.map((w, i) => {
      const sum = (k: 'early' | 'onTime' | 'late') => w.units.reduce((n, u) => n + u.timeliness[k], 0);
      const [early, onTime, late] = [sum('early'), sum('onTime'), sum('late')];
      const judged = early + onTime + late;
      return { week: weeks[i]!.from, early, onTime, late, lateShare: judged ? late / judged : null };
    });
    return { current: current, previous: prev, trend };
  });
}

/** Open flags of all units, per rule, most first. */
export function flagsByRule(data: UnitStatsResponse): { rule: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const u of data.units) for (const [rule, n] of Object.entries(u.openFlags.byRule)) totals.set(rule, (totals.get(rule) ?? 0) + n);
  return [...totals].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}
