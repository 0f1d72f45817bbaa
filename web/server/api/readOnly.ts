/**
 * The `/api/v1` is read-only: every route answers other methods with a JSON
 * 405 naming what it allows, instead of Next.js's empty 405. Route files
 * re-export these: `export { POST, PUT, PATCH, DELETE } from '@/server/api/readOnly'`.
 */
import { problem } from './respond.ts';

function methodNotAllowed(request: Request): Response {
  const response = problem(405, `${request.method} is not allowed here: the Tusk API is read-only (GET)`);
  response.headers.set('allow', 'GET, HEAD');
  return response;
}

export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
