/**
 * How `/api/v1` answers: JSON with bigint amounts as decimal strings, errors
 * as `{ "error": { "status", "message" } }` with a 4xx for anything the caller
 * can fix and 503 when the database cannot be reached — never a stack trace.
 */
import { toJson, type Json } from '../../features/data/json.ts';
import { ApiError } from './params.ts';

const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/**
 * Marks a Response with the shape of its JSON body, for the compiler only
 * (nothing is stored under this key): the client's endpoint map reads each
 * endpoint's answer type from its function here instead of restating it.
 */
declare const jsonBody: unique symbol;
export type JsonResponse<T> = Response & { readonly [jsonBody]: Json<T> };

/** A CSV download, marked apart from JSON so an endpoint that serves both keeps its JSON type. */
declare const csvBody: unique symbol;
export type CsvResponse = Response & { readonly [csvBody]: string };

/** The JSON body type of an endpoint's response (never for a CSV-only one). */
export type JsonBodyOf<R> = R extends { readonly [jsonBody]: infer Body } ? Body : never;

export function json<T>(data: T, status = 200): JsonResponse<T> {
  return new Response(JSON.stringify(toJson(data)), { status, headers }) as JsonResponse<T>;
}

const bodies = new WeakMap<object, string>();

/**
 * `json(make())`, serialized once per `source` object: for results shared by
 * many requests (the node-list snapshot's pages, cached histories), later
 * requests reuse the body string.
 */
export function jsonOnce<T>(source: object, make: () => T): JsonResponse<T> {
  let body = bodies.get(source);
  if (body === undefined) {
    body = JSON.stringify(toJson(make()));
    bodies.set(source, body);
  }
  return new Response(body, { status: 200, headers }) as JsonResponse<T>;
}

export function problem(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: { status, message } }), { status, headers });
}

export function csv(body: string, filename: string): CsvResponse {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  }) as CsvResponse;
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
