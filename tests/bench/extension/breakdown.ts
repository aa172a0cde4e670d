import type { TraceEvent } from './trace.ts';

type Frame = { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number };
type Node = { id: number; parent?: number; callFrame: Frame };

/**
 * Diagnostics only (`DP_BENCH_BREAKDOWN=1`): where the content script's sampled time goes
 * between two trace times, as self time per leaf frame (a native DOM call made by the script is
 * named, with the script frame that made it). `source` is the built script, so minified frames
 * are shown with the code at their column. Does not change any measured figure.
 */
export function breakdown(
  events: readonly TraceEvent[],
  from: number,
  to: number,
  source: string,
  scriptMarker = '/content-scripts/',
): string {
  const nodesByProfile = new Map<string, Map<number, Node>>();
  const times = new Map<string, number>();
  for (const e of events) if (e.name === 'Profile' && e.id) times.set(`${e.pid}:${e.id}`, e.args.data.startTime);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const lines = source.split('\n');
  const label = (f: Frame) => {
    if (!(f.url ?? '').includes(scriptMarker)) return f.functionName || '(native)';
    const code = (lines[f.lineNumber ?? 0] ?? '').slice(f.columnNumber ?? 0, (f.columnNumber ?? 0) + 48).replace(/\s+/g, ' ');
    return `${f.functionName || '(anon)'}@${f.columnNumber} «${code}»`;
  };
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const key = `${e.pid}:${e.id}`;
    let nodes = nodesByProfile.get(key);
    if (!nodes) nodesByProfile.set(key, (nodes = new Map()));
    for (const n of (e.args.data.cpuProfile?.nodes ?? []) as Node[]) nodes.set(n.id, n);
    const samples: number[] = e.args.data.cpuProfile?.samples ?? [];
    const deltas: number[] = e.args.data.timeDeltas ?? [];
    let t = times.get(key) ?? 0;
    samples.forEach((s, i) => {
      t += deltas[i] ?? 0;
      times.set(key, t);
      const dt = Math.min(deltas[i + 1] ?? 100, 2000);
      if (t < from || t > to) return;
      const stack: Node[] = [];
      for (let n = nodes!.get(s); n; n = n.parent !== undefined ? nodes!.get(n.parent) : undefined) stack.push(n);
      if (!stack.some((n) => (n.callFrame.url ?? '').includes(scriptMarker))) return;
      const leaf = stack[0]!;
      const caller = stack.find((n) => (n.callFrame.url ?? '').includes(scriptMarker))!;
      const name = leaf === caller ? label(leaf.callFrame) : `${label(leaf.callFrame)} ← ${label(caller.callFrame)}`;
      self.set(name, (self.get(name) ?? 0) + dt);
      for (const n of new Set(stack.filter((x) => (x.callFrame.url ?? '').includes(scriptMarker)).map((x) => label(x.callFrame))))
        inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
    });
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, us]) => `  ${(us / 1000).toFixed(2).padStart(8)} ms  ${n}`)
      .join('\n');
  return `self:\n${top(self, 25)}\ninclusive (script frames):\n${top(inclusive, 25)}`;
}
