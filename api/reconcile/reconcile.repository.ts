import type { Db } from '../db/connect.ts';
import { pairActions, DEFAULT_TOLERANCE_MS } from '../../shared/custody/corroborate.ts';
import type { ActionKind } from '../../shared/schemas/dossier-code.ts';
import { coveredSpans, inSpans, toLogRow, type LogRow, type Span } from './backoffice-log.repository.ts';
import type { ReconcileResult } from './reconcile.schemas.ts';

export interface ReconcileInput {
  unitId: string;
  /** The unit's subtree within the caller's scope. */
  units: readonly string[];
  period: { from: string; to: string; fromMs: number; toMs: number };
  officialId?: string;
  toleranceMinutes?: number;
  limit?: number;
}

type Captured = { id: string; dossierCode: string; officialId: string; action: ActionKind; at: number; profile: string };
type Listed = ReconcileResult['matched'][number];

/**
 * The back-office's log beside what the extension captured, for the dossiers of `units` over
 * the period: each logged action paired with a captured one (same dossier, official and kind,
 * within the tolerance), the rest listed on either side. Captured actions count only where an
 * import covers their instant: elsewhere the log is silent, not contradicting.
 */
export async function reconcile(db: Db, input: ReconcileInput): Promise<ReconcileResult> {
  const toleranceMs = input.toleranceMinutes === undefined ? DEFAULT_TOLERANCE_MS : input.toleranceMinutes * 60_000;
  const { fromMs, toMs } = input.period;
  const units = [...input.units];
  const spans = await coveredSpans(db, units);

  let lq = db
    .selectFrom('backoffice_log')
    .selectAll()
    .where('unit_id', 'in', units.length ? units : [''])
    .where('at', '>=', fromMs)
    .where('at', '<', toMs);
  if (input.officialId) lq = lq.where('actor_id', '=', input.officialId);
  const logged: LogRow[] = (await lq.orderBy('at').execute()).map(toLogRow);

  const captured: Captured[] = [];
  for (const u of units) {
    if (!spans.has(u)) continue;
    let cq = db
      .selectFrom('events')
      .select(['id', 'dossier_code', 'official_id', 'action', 'at', 'profile_id'])
      .where('kind', '=', 'action')
      .where('identity_mismatch', '=', 0)
      .where('dossier_code', '>=', `${u}-`)
      .where('dossier_code', '<', `${u}.`)
      .where('at', '>=', fromMs - toleranceMs)
      .where('at', '<', toMs + toleranceMs);
    if (input.officialId) cq = cq.where('official_id', '=', input.officialId);
    for (const r of await cq.execute()) {
      const at = Number(r.at);
      if (!inSpans(spans.get(u), at) || r.action === null) continue;
      captured.push({
        id: r.id,
        dossierCode: r.dossier_code!,
        officialId: r.official_id,
        action: r.action as ActionKind,
        at,
        profile: r.profile_id,
      });
    }
  }

  const { pairs, loose, onlyCaptured, onlyLogged } = pairActions(captured, logged, toleranceMs);
  // A captured action just outside the period belongs to it only through its logged partner.
  const inPeriod = (at: number) => at >= fromMs && at < toMs;
  const lastProfile = new Map<string, string>();
  for (const c of [...captured].sort((a, b) => a.at - b.at)) lastProfile.set(c.officialId, c.profile);

  const fromLog = (l: LogRow, c: Captured | null): Listed => ({
    dossierCode: l.dossierCode,
    action: l.action,
    officialId: l.officialId,
    account: l.actorAccount,
    at: c?.at ?? l.at,
    loggedAt: l.at,
    eventId: c?.id ?? null,
    profile: c?.profile ?? (l.officialId ? (lastProfile.get(l.officialId) ?? null) : null),
  });
  // A loose pair (the log's account names nobody configured) is the same act seen twice: matched, under the log's account.
  const matched = [...pairs, ...loose].map(([ci, li]) => fromLog(logged[li]!, captured[ci]!));
  const onlyInLog = onlyLogged.map((li) => fromLog(logged[li]!, null));
  const onlyCap: Listed[] = onlyCaptured
    .map((ci) => captured[ci]!)
    .filter((c) => inPeriod(c.at))
    .map((c) => ({
      dossierCode: c.dossierCode,
      action: c.action,
      officialId: c.officialId,
      account: null,
      at: c.at,
      loggedAt: null,
      eventId: c.id,
      profile: c.profile,
    }));

  const coverage = new Map<
    string,
    { officialId: string | null; account: string | null; logActions: number; seen: number; onlyCaptured: number }
  >();
  const entry = (officialId: string | null, account: string | null) => {
    const k = officialId ?? `account:${account}`;
    let e = coverage.get(k);
    if (!e) coverage.set(k, (e = { officialId, account, logActions: 0, seen: 0, onlyCaptured: 0 }));
    if (!e.account && account) e.account = account;
    return e;
  };
  for (const m of matched) {
    const e = entry(m.officialId, m.account);
    e.logActions += 1;
    e.seen += 1;
  }
  for (const m of onlyInLog) entry(m.officialId, m.account).logActions += 1;
  for (const m of onlyCap) entry(m.officialId, null).onlyCaptured += 1;
  const ids = [...coverage.values()].map((c) => c.officialId).filter((x): x is string => x !== null);
  const names = new Map(
    ids.length
      ? (await db.selectFrom('officials').select(['id', 'display_name', 'backoffice_account']).where('id', 'in', ids).execute()).map(
          (o) => [o.id, o],
        )
      : [],
  );
  const limit = input.limit ?? 500;
  const byTime = (a: Listed, b: Listed) => a.at - b.at || (a.dossierCode < b.dossierCode ? -1 : 1);
  return {
    unitId: input.unitId,
    period: { from: input.period.from, to: input.period.to },
    toleranceMinutes: toleranceMs / 60_000,
    covered: [...spans].flatMap(([unitId, list]: [string, Span[]]) => list.map((s) => ({ unitId, ...s }))).sort((a, b) => a.from - b.from),
    counts: { matched: matched.length, onlyInLog: onlyInLog.length, onlyCaptured: onlyCap.length },
    matched: matched.sort(byTime).slice(0, limit),
    onlyInLog: onlyInLog.sort(byTime).slice(0, limit),
    onlyCaptured: onlyCap.sort(byTime).slice(0, limit),
    coverage: [...coverage.values()]
      .map((c) => ({
        ...c,
        account: c.account ?? (c.officialId ? (names.get(c.officialId)?.backoffice_account ?? null) : null),
        displayName: c.officialId ? (names.get(c.officialId)?.display_name ?? null) : null,
        coverage: c.logActions === 0 ? null : c.seen / c.logActions,
      }))
      .sort((a, b) => (a.coverage ?? 2) - (b.coverage ?? 2) || b.logActions - a.logActions),
  };
}
