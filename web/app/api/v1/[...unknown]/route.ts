import { problem } from '@/server/api/respond';

/** Any path under /api/v1 that is not an endpoint: a JSON 404 naming it. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname.slice(0, 120);
  return problem(404, `no endpoint ${path}; see web/API.md for the list`);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
