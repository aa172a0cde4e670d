/**
 * Reads what the API derived and sets it beside the workload's ground truth. Each function
 * returns the differences (with enough context to diagnose), never a verdict: the test decides.
 */
import type { Driver } from './api-driver.ts';
import type { ExpectedStall, Workload } from './generator.ts';

const TIME_TOLERANCE_MS = 30_000;

export interface OfficialTime {
  username: string;
  truthHours: number;
  apiHours: number;
}

/** Ended custody per official from the rollups (GET /v1/stats/units/:unit/officials). */
export async function endedTimes(d: Driver, w: Workload, from: string, to: string): Promise<OfficialTime[]> {
  const api = new Map<string, number>();
  for (const u of w.world.units) {
    const res = await d.get(`/v1/stats/units/${u.id}/officials?from=${from}&to=${to}`);
    for (const o of res.officials as { username: string; workingHours: number }[])
      api.set(o.username, (api.get(o.username) ?? 0) + o.workingHours);
  }
  return [...w.officials].map(([username, t]) => ({ username, truthHours: t.ended / 3600, apiHours: api.get(username) ?? 0 }));
}

/** Blamed time of segments still open at now, per official, from each held dossier's timeline (GET /v1/dossiers/:code). */
export async function openTimes(d: Driver, w: Workload, nameOf: Map<string, string>) {
  const api = new Map<string, number>();
  const problems: string[] = [];
  for (const dossier of w.dossiers.filter((x) => x.truth.state === 'held')) {
    const truth = dossier.truth.segments.at(-1)!;
    const res = await d.get(`/v1/dossiers/${dossier.code}`);
    const open = (res.segments as { holder: { id: string }; to: string | null; blamedHours: number; contested: boolean }[]).filter(
      (s) => s.to === null && !s.contested,
    );
    const holder = open.length === 1 ? nameOf.get(open[0]!.holder.id) : undefined;
    if (holder !== truth.holder)
      problems.push(
        `${dossier.code} (${dossier.kind}): open segment(s) ${open.map((s) => nameOf.get(s.holder.id)).join(',') || 'none'}, truth ${truth.holder}`,
      );
    for (const s of open) {
      const name = nameOf.get(s.holder.id) ?? s.holder.id;
      api.set(name, (api.get(name) ?? 0) + s.blamedHours);
    }
  }
  const rows = [...w.officials].map(
    ([username, t]): OfficialTime => ({ username, truthHours: t.open / 3600, apiHours: api.get(username) ?? 0 }),
  );
  return { rows, problems };
}

export interface FlagView {
  rule: string;
  dossierCode: string;
  officialId: string | null;
  severity: string;
  details: Record<string, unknown>;
}

export async function openFlags(d: Driver): Promise<FlagView[]> {
  const out: FlagView[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const res = await d.get(`/v1/flags?status=open&limit=200&offset=${offset}`);
    out.push(...res.flags);
    offset = res.page.nextOffset;
  }
  return out;
}

/** Injected stalls without their flag, flags nobody injected, and overdue flags blaming the wrong holders. */
export function compareFlags(flags: readonly FlagView[], w: Workload, nameOf: Map<string, string>) {
  const name = (id: string | null) => (id === null ? '-' : (nameOf.get(id) ?? id));
  const key = (rule: string, dossier: string, official: string) => `${rule}|${dossier}|${official}`;
  const actual = new Map<string, FlagView[]>();
  for (const f of flags) {
    const k = key(f.rule, f.dossierCode, name(f.officialId));
    actual.set(k, [...(actual.get(k) ?? []), f]);
  }
  const missing: ExpectedStall[] = [];
  const wrongContributors: string[] = [];
  for (const s of w.stalls) {
    const list = actual.get(key(s.rule, s.dossier, s.official ?? '-'));
    const f = list?.shift();
    if (!f) {
      missing.push(s);
      continue;
    }
    if (s.contributors) {
      const got = ((f.details.contributors ?? []) as { officialId: string }[]).map((c) => name(c.officialId)).sort();
      if (got.join() !== [...s.contributors].sort().join())
        wrongContributors.push(`${s.dossier}: contributors ${got.join(',') || 'none'}, truth ${s.contributors.join(',')}`);
    }
  }
  const unexpected = [...actual.values()].flat();
  return { missing, unexpected, wrongContributors };
}

/** Stored custody of record (segments table, contested claims aside) against the true custody, dossier by dossier. */
export async function compareCustody(d: Driver, w: Workload, nameOf: Map<string, string>) {
  const rows = await d.db
    .selectFrom('segments')
    .select(['dossier_code', 'seq', 'holder_id', 'from_at', 'to_at', 'evidence'])
    .where('contested', '=', 0)
    .execute();
  const stored = new Map<string, typeof rows>();
  for (const r of rows) stored.set(r.dossier_code, [...(stored.get(r.dossier_code) ?? []), r]);
  const states = new Map(
    (await d.db.selectFrom('dossiers').select(['code', 'holder_state']).execute()).map((r) => [r.code, r.holder_state]),
  );
  const byReason = new Map<string, string[]>();
  const note = (reason: string, text: string) => byReason.set(reason, [...(byReason.get(reason) ?? []), text]);
  for (const dossier of w.dossiers) {
    const got = (stored.get(dossier.code) ?? []).sort((a, b) => Number(a.seq) - Number(b.seq));
    const want = dossier.truth.segments;
    const tag = `${dossier.code} (${dossier.kind}${dossier.features.length ? `, ${dossier.features.join('+')}` : ''})`;
    if (states.get(dossier.code) !== dossier.truth.state)
      note('holder state', `${tag}: ${states.get(dossier.code)} vs ${dossier.truth.state}`);
    if (got.length !== want.length) {
      note('segment count', `${tag}: ${got.length} stored vs ${want.length} true`);
      continue;
    }
    want.forEach((t, i) => {
      const g = got[i]!;
      const off = (a: number | null, b: number | null) =>
        a === null || b === null ? a !== b : Math.abs(Number(a) - b) > TIME_TOLERANCE_MS;
      if (nameOf.get(g.holder_id) !== t.holder) note('holder', `${tag} #${i}: ${nameOf.get(g.holder_id)} vs ${t.holder}`);
      else if (g.evidence !== 'confirmed') note('evidence', `${tag} #${i}: ${t.holder}'s custody is ${g.evidence}, and truly theirs`);
      else if (off(g.from_at === null ? null : Number(g.from_at), t.from))
        note('from', `${tag} #${i}: ${new Date(Number(g.from_at)).toISOString()} vs ${new Date(t.from).toISOString()}`);
      else if (off(g.to_at === null ? null : Number(g.to_at), t.to))
        note(
          'to',
          `${tag} #${i}: ${g.to_at === null ? 'open' : new Date(Number(g.to_at)).toISOString()} vs ${t.to === null ? 'open' : new Date(t.to).toISOString()}`,
        );
    });
  }
  return byReason;
}

/** Events that travelled with a wrong clock, as the dossier timeline shows them, against their true instants. */
export async function compareSkewed(d: Driver, w: Workload, sampleDossiers: number) {
  const byDossier = new Map<string, { id: string; trueAt: number }[]>();
  for (const e of w.skewedEvents) byDossier.set(e.dossier, [...(byDossier.get(e.dossier) ?? []), e]);
  const codes = [...byDossier.keys()].sort().filter((_, i, all) => i % Math.max(1, Math.floor(all.length / sampleDossiers)) === 0);
  let checked = 0;
  const off: string[] = [];
  for (const code of codes) {
    const res = await d.get(`/v1/dossiers/${code}`);
    const at = new Map((res.events as { id: string; at: string }[]).map((e) => [e.id, Date.parse(e.at)]));
    for (const e of byDossier.get(code)!) {
      checked += 1;
      const got = at.get(e.id);
      if (got === undefined || Math.abs(got - e.trueAt) > TIME_TOLERANCE_MS)
        off.push(
          `${code} event ${e.id}: ${got === undefined ? 'missing' : new Date(got).toISOString()} vs true ${new Date(e.trueAt).toISOString()}`,
        );
    }
  }
  return { dossiers: codes.length, checked, off };
}

/** Everything derivation wrote that must not change when nothing new arrived. */
export async function derivedSnapshot(d: Driver): Promise<string> {
  const rollups = await d.db
    .selectFrom('rollups')
    .selectAll()
    .orderBy('unit_id')
    .orderBy('day')
    .orderBy('official_id')
    .orderBy('step')
    .execute();
  const flags = await d.db.selectFrom('flags').select(['key', 'severity']).where('closed_at', 'is', null).orderBy('key').execute();
  const norm = (rows: object[]) => rows.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  return JSON.stringify({ rollups: norm(rollups), flags: norm(flags) });
}
