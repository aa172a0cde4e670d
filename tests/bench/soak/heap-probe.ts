/**
 * The live heap of a Node process started with `--inspect=127.0.0.1:0`: through its inspector,
 * a full garbage collection and then V8's heap usage. RSS alone cannot tell a leak from V8
 * letting its heap grow before collecting; what survives a full collection can.
 */
export type HeapProbe = { usedAfterGc(): Promise<number>; close(): void };

export async function connectHeapProbe(output: () => string, timeoutMs = 10_000): Promise<HeapProbe> {
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!(url = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(output())?.[0])) {
    if (Date.now() > deadline) throw new Error('the process printed no inspector address (started without --inspect?)');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`inspector at ${url} refused the connection`)), { once: true });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.addEventListener('message', (m) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const w = msg.id === undefined ? undefined : waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id!);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  const call = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async usedAfterGc() {
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    },
    close: () => ws.close(),
  };
}
