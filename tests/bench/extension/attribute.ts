import type { TraceEvent } from './trace.ts';

/** `cpu`: the share of the task's wall time its thread was on a CPU (trace `tdur`/`dur`), 1 when unknown. */
export type Task = { ts: number; dur: number; ext: number; cpu: number };
export type Attribution = { tasks: Task[]; extMs: number; busyMs: number; windowMs: number; samples: number; marks: Map<string, number> };

type Node = { id: number; parent?: number; callFrame: { url?: string } };

/**
 * Splits the page's main-thread time between the content script and everything else: V8's
 * samples whose stack passes through a content-script frame count for the extension, and are
 * assigned to the top-level task (RunTask) they fall in. Times are in milliseconds.
 */
export function attribute(
  events: readonly TraceEvent[],
  scriptMarker = '/content-scripts/',
  window?: { from: number; to: number },
): Attribution {
  const profiles = new Map<
    string,
    { pid: number; tid: number; start: number; nodes: Map<number, Node>; ext: Map<number, boolean>; t: number; hits: number[] }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id)
      profiles.set(`${e.pid}:${e.id}`, {
        pid: e.pid,
        tid: e.tid,
        start: e.args.data.startTime,
        nodes: new Map(),
        ext: new Map(),
        t: e.args.data.startTime,
        hits: [],
      });
  }
  const isExt = (p: { nodes: Map<number, Node>; ext: Map<number, boolean> }, id: number): boolean => {
    const known = p.ext.get(id);
    if (known !== undefined) return known;
    const n = p.nodes.get(id);
    const v = !!n && ((n.callFrame.url ?? '').includes(scriptMarker) || (n.parent !== undefined && isExt(p, n.parent)));
    p.ext.set(id, v);
    return v;
  };
  // Chunks arrive in order per profile; a sample's time runs until the next sample.
  const ticks: { p: ReturnType<typeof profiles.get>; at: number; ext: boolean }[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    for (const n of (e.args.data.cpuProfile?.nodes ?? []) as Node[]) p.nodes.set(n.id, n);
    const samples: number[] = e.args.data.cpuProfile?.samples ?? [];
    const deltas: number[] = e.args.data.timeDeltas ?? [];
    samples.forEach((s, i) => {
      p.t += deltas[i] ?? 0;
      ticks.push({ p, at: p.t, ext: isExt(p, s) });
    });
  }
  // The profile that ever ran the content script is the page's main thread.
  const main = [...profiles.values()].find((p) => ticks.some((t) => t.p === p && t.ext));
  // performance.mark('bench-…') calls made by the benchmark in the page, by name → trace time.
  const marks = new Map(
    events.filter((e) => e.cat.includes('user_timing') && e.name.startsWith('bench-')).map((e) => [e.name, e.ts] as [string, number]),
  );
  if (!main) return { tasks: [], extMs: 0, busyMs: 0, windowMs: 0, samples: 0, marks };
  const mine = ticks.filter((t) => t.p === main);
  const from = window?.from ?? -Infinity;
  const to = window?.to ?? Infinity;
  const tasks: Task[] = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.ts >= from && e.ts <= to)
    .map((e) => ({ ts: e.ts, dur: e.dur ?? 0, ext: 0, cpu: e.tdur !== undefined && e.dur ? Math.min(1, e.tdur / e.dur) : 1 }))
    .sort((a, b) => a.ts - b.ts);
  // Nested RunTasks (a nested loop) would double count: keep the outermost ones.
  const top: Task[] = [];
  for (const t of tasks) if (!top.length || t.ts >= top.at(-1)!.ts + top.at(-1)!.dur) top.push(t);
  let extUs = 0;
  let k = 0;
  for (let i = 0; i < mine.length - 1; i++) {
    const s = mine[i]!;
    if (!s.ext || s.at < from || s.at > to) continue;
    const span = Math.min(mine[i + 1]!.at - s.at, 2000);
    extUs += span;
    while (k < top.length && top[k]!.ts + top[k]!.dur < s.at) k++;
    if (k < top.length && top[k]!.ts <= s.at) top[k]!.ext += span;
  }
  const ms = (us: number) => us / 1000;
  const span = top.length ? top.at(-1)!.ts + top.at(-1)!.dur - top[0]!.ts : 0;
  return {
    tasks: top.map((t) => ({ ts: t.ts, dur: ms(t.dur), ext: ms(t.ext), cpu: t.cpu })),
    extMs: ms(extUs),
    busyMs: ms(top.reduce((a, t) => a + t.dur, 0)),
    windowMs: ms(Number.isFinite(to - from) ? to - from : span),
    samples: mine.length,
    marks,
  };
}

/** A main-thread task over 50 ms is the extension's if its own part is over 50 ms or made it long. */
/**
 * Tasks over 50 ms that the content script made long, judged on CPU time (each task's wall time
 * scaled by its thread's share of it on a CPU): on two shared cores a task of a cold browser
 * waits for a CPU for most of its wall time, which is not the script's doing.
 */
export const extensionLongTasks = (tasks: readonly Task[]) =>
  tasks
    .map((t) => ({ ...t, dur: t.dur * t.cpu, ext: t.ext * t.cpu }))
    .filter((t) => t.dur > 50 && (t.ext > 50 || (t.ext > 0 && t.dur - t.ext <= 50)));
