'use client';
/**
 * Client-side reads of `/api/v1`: one fetch function that turns API errors
 * into their messages, and `useLive`, which starts from the data the server
 * page rendered and keeps it fresh by polling.
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';

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

export async function fetchApi<T>(path: string, signal?: AbortSignal): Promise<T> {
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
export function useLive<T>(path: string | null, initial?: T, intervalMs = POLL_MS): UseQueryResult<T> {
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
