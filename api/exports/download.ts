import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';

/**
 * A streamed download. The body is produced while it is sent, so an export of a whole province's
 * quarter never sits in memory; whatever goes wrong mid-stream can only cut the file short, so
 * it is logged with the request id.
 */
export function download(
  c: Context<AppEnv>,
  opts: { type: string; filename: string; chunks: AsyncIterable<string>; inline?: boolean },
): Response {
  const { log } = c.var.services;
  const requestId = c.var.requestId;
  const source = opts.chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        log.error('export failed mid-stream', { requestId, error: String(e) });
        controller.error(e);
      }
    },
    async cancel() {
      await source.return?.(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': opts.type,
      'content-disposition': `${opts.inline ? 'inline' : 'attachment'}; filename="${opts.filename}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
