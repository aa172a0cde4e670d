import type { FuzzRequest } from './fuzz-cases.ts';

const STATUSES = new Set(['accepted', 'duplicate', 'rejected']);

/**
 * What every answer must look like: never a 5xx; every 4xx is `{error: {code, message}}`; a
 * valid batch envelope on POST /v1/events gets one result per event, a rejected one with its
 * reason. Returns the problem, or null when the answer is right.
 */
export function checkResponse(req: FuzzRequest, status: number, body: string): string | null {
  if (status >= 500) return `status ${status}: ${body.slice(0, 300)}`;
  if (req.expect !== undefined && status !== req.expect && status !== 401 && status !== 429) return `expected ${req.expect}, got ${status}`;
  let json: any = undefined;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  // HEAD answers carry no body by definition; the matching GET is checked by other cases.
  if (req.method === 'HEAD') return null;
  if (status >= 400) {
    const e = json?.error;
    if (!e || typeof e.code !== 'string' || !e.code || typeof e.message !== 'string' || !e.message)
      return `status ${status} without {error:{code,message}}: ${body.slice(0, 300)}`;
    return null;
  }
  if (req.method === 'POST' && req.path === '/v1/events' && status === 200) {
    if (!Array.isArray(json?.results)) return `200 without results: ${body.slice(0, 300)}`;
    if (req.events !== undefined && json.results.length !== req.events) return `${json.results.length} results for ${req.events} events`;
    for (const r of json.results) {
      if (!STATUSES.has(r?.status)) return `result with status ${JSON.stringify(r?.status)}`;
      if (r.status === 'rejected' && (typeof r.reason !== 'string' || !r.reason)) return `rejected without a reason: ${JSON.stringify(r)}`;
    }
  }
  return null;
}
