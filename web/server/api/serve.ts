/**
 * Binds an endpoint to the server's database for a Next.js route handler:
 * `export const GET = serve('nodes')`.
 */
import 'server-only';
import { db } from '../db.ts';
import { endpoints, type EndpointName } from './endpoints.ts';
import { errorResponse } from './respond.ts';

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function serve(name: EndpointName) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const params = (await context.params) ?? {};
      return await endpoints[name]({ db: await db(), url: new URL(request.url), params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
