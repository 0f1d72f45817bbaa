/**
 * What server pages read: the same `/api/v1` endpoint functions the JSON API
 * serves (so a page's first render and its client polling see one shape),
 * bound to the server's database, plus the deployment from disk.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { serializeDeployment, type DeploymentInput } from '@tusk/shared/deployment';
import { loadDeployment } from '@tusk/shared/deploymentFile';
import { resolveEndpoint, type ApiName, type ApiParams, type ApiResponse } from '../features/data/endpoints.ts';
import { db } from './db.ts';
import { endpoints } from './api/endpoints.ts';
import { errorResponse } from './api/respond.ts';

/**
 * Calls an endpoint for a page, with the same typed params a view polls it
 * with. A 400/404 (bad or unknown ID in the URL) renders the not-found page;
 * anything else unexpected goes to the error page.
 */
export async function loadApi<Name extends ApiName>(name: Name, params: ApiParams<Name>): Promise<ApiResponse<Name>> {
  await connection();
  const { path, pathParams } = resolveEndpoint(name, params);
  const url = new URL(path, 'http://tusk.internal');
  let response: Response;
  try {
    response = await endpoints[name]({ db: await db(), url, params: pathParams });
  } catch (error) {
    response = errorResponse(error);
  }
  if (response.status === 404 || response.status === 400) notFound();
  const body = await response.json();
  if (!response.ok)
    throw new Error((body as { error?: { message?: string } }).error?.message ?? `request failed (${response.status})`);
  return body as ApiResponse<Name>;
}

let cached: { at: number; value: DeploymentInput | null; error: string | null } | null = null;

/** The deployment as JSON for the browser (re-read every few seconds: the devnet may write it after start). */
export function deploymentForClient(): { deployment: DeploymentInput | null; error: string | null } {
  if (!cached || Date.now() - cached.at > 5_000) {
    try {
      const deployment = loadDeployment();
      cached = { at: Date.now(), value: deployment ? serializeDeployment(deployment) : null, error: null };
    } catch (error) {
      cached = { at: Date.now(), value: null, error: (error as Error).message };
    }
  }
  return { deployment: cached.value, error: cached.error };
}
