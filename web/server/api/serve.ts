/**
 * Binds an endpoint to the server's database for a Next.js route handler:
 * `export const GET = serve('nodes')`, timed into the API metrics.
 */
import 'server-only';
import { db } from '../db.ts';
import { endpoints, type EndpointName } from './endpoints.ts';
import { timed } from './metrics.ts';
import { errorResponse } from './respond.ts';

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function serve(name: EndpointName) {
  return (request: Request, context: RouteContext): Promise<Response> =>
    timed(name, async () => {
      try {
        const params = (await context.params) ?? {};
        return await endpoints[name]({ db: await db(), url: new URL(request.url), params });
      } catch (error) {
        return errorResponse(error);
      }
    });
}
