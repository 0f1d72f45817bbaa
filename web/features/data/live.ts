'use client';
/**
 * Client-side reads of `/api/v1`, by endpoint name (see `endpoints.ts`):
 * `useEndpoint`, which starts from the data the server page rendered and
 * keeps it fresh by polling, and `fetchEndpoint` for one read. API errors
 * become their messages.
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { apiPath, type ApiName, type ApiParams, type ApiResponse } from './endpoints.ts';

export const POLL_MS = 5_000;

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

async function fetchApi<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiRequestError(response.status, `The server answered ${response.status} without JSON.`);
  }
  if (!response.ok) {
    const message =
      (body as { error?: { message?: string } }).error?.message ?? `The server answered ${response.status}.`;
    throw new ApiRequestError(response.status, message);
  }
  return body as T;
}

/** Polls `path`, starting from `initial` (the server-rendered data) when given. */
function useLive<T>(path: string | null, initial?: T, intervalMs = POLL_MS): UseQueryResult<T> {
  return useQuery<T>({
    queryKey: ['api', path],
    queryFn: ({ signal }) => fetchApi<T>(path!, signal),
    enabled: path !== null,
    initialData: initial,
    // Server data is fresh when the page arrives; poll from there.
    initialDataUpdatedAt: initial === undefined ? undefined : Date.now(),
    refetchInterval: intervalMs,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  });
}

export interface EndpointOptions<Name extends ApiName> {
  /** The server-rendered answer for these same params, shown until the first poll. */
  initial?: ApiResponse<Name>;
  /** How often to poll (ms). */
  intervalMs?: number;
}

/**
 * Reads endpoint `name` with `params` and keeps polling it; `params` null
 * waits (e.g. until a wallet is connected or a dialog opens).
 */
export function useEndpoint<Name extends ApiName>(
  name: Name,
  params: ApiParams<Name> | null,
  options: EndpointOptions<Name> = {},
): UseQueryResult<ApiResponse<Name>> {
  return useLive(params === null ? null : apiPath(name, params), options.initial, options.intervalMs);
}

/** Reads endpoint `name` once. */
export function fetchEndpoint<Name extends ApiName>(
  name: Name,
  params: ApiParams<Name>,
  signal?: AbortSignal,
): Promise<ApiResponse<Name>> {
  return fetchApi(apiPath(name, params), signal);
}
