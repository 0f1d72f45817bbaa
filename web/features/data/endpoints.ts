/**
 * Every `/api/v1` endpoint by name, the one place a path is spelled: its
 * route (the folder under `app/api/v1` whose handler serves it, `[x]` for a
 * path parameter), the query parameters it reads (the keys of the server's
 * zod schema for it) and — read from the server's endpoint function, not
 * restated — the JSON it answers. Views call `useEndpoint(name, params)`,
 * server pages `loadApi(name, params)`.
 *
 * The keys are exactly the server's endpoint names (`satisfies` below), and
 * `endpoints.test.ts` checks each route against the route handlers on disk and
 * each query against the server's schema, so this map cannot drift.
 * Only types come from server code: nothing server-side reaches the browser.
 */
import type { z } from 'zod';
import type { EndpointName, endpoints } from '../../server/api/endpoints.ts';
import type * as schemas from '../../server/api/params.ts';
import type { JsonBodyOf } from '../../server/api/respond.ts';

/** A parameter's value as a view holds it: numbers are sent as decimals, lists comma-separated. */
export type ParamValue = string | number | readonly string[] | undefined;

/** The query parameters a server schema reads, by name; their values are the server's to check. */
type QueryOf<Schema extends z.ZodType> = { [Key in keyof z.input<Schema>]?: ParamValue };

/** Notes, for the compiler only, which server schema an endpoint's query follows. */
const query = <Schema extends z.ZodType>() => ({}) as QueryOf<Schema>;

export const apiEndpoints = {
  overview: { route: '/api/v1/overview' },
  status: { route: '/api/v1/status' },
  nodes: { route: '/api/v1/nodes', query: query<typeof schemas.nodeListQuery>() },
  node: { route: '/api/v1/nodes/[nodeId]' },
  nodeHistory: { route: '/api/v1/nodes/[nodeId]/history', query: query<typeof schemas.historyQuery>() },
  nodeDelegators: { route: '/api/v1/nodes/[nodeId]/delegators', query: query<typeof schemas.pageQuery>() },
  epochs: { route: '/api/v1/epochs', query: query<typeof schemas.epochListQuery>() },
  epoch: { route: '/api/v1/epochs/[epoch]' },
  accountPositions: { route: '/api/v1/accounts/[address]/positions' },
  accountEvents: { route: '/api/v1/accounts/[address]/events', query: query<typeof schemas.pageQuery>() },
  accountRewards: { route: '/api/v1/accounts/[address]/rewards', query: query<typeof schemas.rewardsQuery>() },
  proposals: { route: '/api/v1/proposals', query: query<typeof schemas.proposalListQuery>() },
  proposal: { route: '/api/v1/proposals/[proposalId]' },
  votes: { route: '/api/v1/votes', query: query<typeof schemas.votesQuery>() },
  operator: { route: '/api/v1/operator', query: query<typeof schemas.operatorQuery>() },
  storage: { route: '/api/v1/storage' },
  blobs: { route: '/api/v1/blobs', query: query<typeof schemas.blobListQuery>() },
} as const satisfies Record<EndpointName, { route: `/api/v1/${string}`; query?: object }>;

export type ApiName = keyof typeof apiEndpoints;

type RouteOf<Name extends ApiName> = (typeof apiEndpoints)[Name]['route'];

/** `{ nodeId: … }` for `/api/v1/nodes/[nodeId]/history`, one key per `[x]` segment. */
type PathParamsOf<Route extends string> = Route extends `${string}[${infer Param}]${infer Rest}`
  ? { [Key in Param]: string | number } & PathParamsOf<Rest>
  : unknown;

type QueryParamsOf<Name extends ApiName> = (typeof apiEndpoints)[Name] extends { query: infer Query } ? Query : unknown;

type ParamsOf<Params> = [keyof Params] extends [never] ? Record<string, never> : Params;

/**
 * What a caller gives an endpoint: its path parameters (required) and its
 * query parameters (optional); `{}` for an endpoint that takes none.
 */
export type ApiParams<Name extends ApiName> = ParamsOf<PathParamsOf<RouteOf<Name>> & QueryParamsOf<Name>>;

/** The JSON an endpoint answers, as its server function builds it (bigints and dates as strings). */
export type ApiResponse<Name extends ApiName> = JsonBodyOf<Awaited<ReturnType<(typeof endpoints)[Name]>>>;

export interface ResolvedEndpoint {
  /** The URL path and query string, e.g. `/api/v1/nodes/0x…/history?limit=90`. */
  path: string;
  /** The route's `[x]` segments as given (not URL-encoded), as a route handler receives them. */
  pathParams: Record<string, string>;
}

/**
 * Fills the route's `[x]` segments from `params` and sends the rest as the
 * query string, in the order given; an empty or undefined value is left out
 * (the server then applies its default).
 */
export function resolveEndpoint<Name extends ApiName>(name: Name, params: ApiParams<Name>): ResolvedEndpoint {
  const values: Record<string, ParamValue> = { ...(params as object) };
  const pathParams: Record<string, string> = {};
  const path = apiEndpoints[name].route.replace(/\[(\w+)\]/g, (_segment, key: string) => {
    const text = paramText(values[key]);
    if (text === undefined) throw new Error(`the ${name} endpoint needs ${key} in its path`);
    pathParams[key] = text;
    delete values[key];
    return encodeURIComponent(text);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    const text = paramText(value);
    if (text !== undefined) search.set(key, text);
  }
  const queryString = search.toString();
  return { path: queryString ? `${path}?${queryString}` : path, pathParams };
}

/** The URL of an endpoint, e.g. for a link: `apiPath('accountRewards', { address, format: 'csv' })`. */
export function apiPath<Name extends ApiName>(name: Name, params: ApiParams<Name>): string {
  return resolveEndpoint(name, params).path;
}

function paramText(value: ParamValue): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'object' ? value.join(',') : String(value);
  return text === '' ? undefined : text;
}
