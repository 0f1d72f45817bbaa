/**
 * How `/api/v1` answers: JSON with bigint amounts as decimal strings, errors
 * as `{ "error": { "status", "message" } }` with a 4xx for anything the caller
 * can fix and 503 when the database cannot be reached — never a stack trace.
 */
import { toJson } from '../../features/data/json.ts';
import { ApiError } from './params.ts';

const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(toJson(data)), { status, headers });
}

const bodies = new WeakMap<object, string>();

/**
 * `json(make())`, serialized once per `source` object: for results shared by
 * many requests (the node-list snapshot's pages, cached histories), later
 * requests reuse the body string.
 */
export function jsonOnce(source: object, make: () => unknown): Response {
  let body = bodies.get(source);
  if (body === undefined) {
    body = JSON.stringify(toJson(make()));
    bodies.set(source, body);
  }
  return new Response(body, { status: 200, headers });
}

export function problem(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: { status, message } }), { status, headers });
}

export function csv(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}

/** Turns anything thrown while serving into a response (and logs the unexpected). */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return problem(error.status, error.message);
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (
    /ECONNREFUSED|ENOTFOUND|connection terminated|Connection terminated|too many clients|database system is (starting|shutting)/i.test(
      text,
    )
  ) {
    return problem(503, 'The database is not reachable right now; try again shortly.');
  }
  console.error(JSON.stringify({ level: 'error', msg: 'api request failed', error: text }));
  return problem(500, 'Internal error while reading the index; it has been logged.');
}
