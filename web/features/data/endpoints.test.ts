/**
 * The endpoint map cannot drift from the server: every name in it is an
 * endpoint of `server/api/endpoints.ts`, its route is the folder under
 * `app/api/v1` whose handler serves that endpoint, a path built from it
 * reaches that handler, and the server accepts the query parameters views
 * send (checked by calling the endpoint with a database that stops it the
 * moment input parsing is done).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Database } from '@tusk/shared/db/database';
import { endpoints } from '../../server/api/endpoints.ts';
import { apiEndpoints, resolveEndpoint, type ApiName, type ApiParams } from './endpoints.ts';

const APP_DIR = fileURLToPath(new URL('../../app/', import.meta.url));
const API_DIR = join(APP_DIR, 'api', 'v1');

interface RouteHandler {
  /** As the map spells it: `/api/v1/nodes/[nodeId]/history`. */
  route: string;
  /** The endpoint its `serve('…')` binds. */
  served: string;
}

/** Every `route.ts` under app/api/v1 that serves an endpoint (the catch-all 404 serves none). */
function routeHandlers(dir = API_DIR): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) handlers.push(...routeHandlers(path));
    else if (entry.name === 'route.ts') {
      const served = /serve\('(\w+)'\)/.exec(readFileSync(path, 'utf8'))?.[1];
      if (served) handlers.push({ route: `/${relative(APP_DIR, dir).split(sep).join('/')}`, served });
    }
  }
  return handlers;
}

/** The handler Next.js would pick for a URL path: `[x]` matches one segment. */
function handlerFor(handlers: RouteHandler[], path: string): RouteHandler[] {
  const pathname = path.split('?')[0]!;
  return handlers.filter(({ route }) => new RegExp(`^${route.replace(/\[\w+\]/g, '[^/]+')}$`).test(pathname));
}

const ADDRESS = '0xa11ce';
const NODE = '0x2a';

/** Params for each endpoint, with every query parameter the views send. */
const samples: { [Name in ApiName]: ApiParams<Name> } = {
  overview: {},
  status: {},
  nodes: { sort: 'shuffle', order: 'asc', status: 'committee', q: 'node', seed: 'ab12', limit: 1000, offset: 100 },
  node: { nodeId: NODE },
  nodeHistory: { nodeId: NODE, limit: 90, before: 12 },
  nodeDelegators: { nodeId: NODE, limit: 50, offset: 50 },
  epochs: { limit: 30, before: 12 },
  epoch: { epoch: 3 },
  accountPositions: { address: ADDRESS },
  accountEvents: { address: ADDRESS, limit: 25, offset: 25 },
  accountRewards: { address: ADDRESS, format: 'csv' },
  proposals: { status: 'open', limit: 50, offset: 0 },
  proposal: { proposalId: '0x9' },
  votes: { voters: [NODE, '0x3b'] },
  operator: { nodeIds: [NODE, '0x3b'], operator: ADDRESS },
  storage: {},
  blobs: { state: 'certified', q: '0xb0b', limit: 50, offset: 50 },
};

function resolveSample<Name extends ApiName>(name: Name) {
  return resolveEndpoint(name, samples[name]);
}

class DatabaseReached extends Error {}

/**
 * A database whose every query fails when awaited (any query builder chain
 * ends in a rejection): an endpoint that gets that far has accepted its input.
 */
const stopAtDatabase: Database = (() => {
  const query: unknown = new Proxy(() => query, {
    get: (_target, key) =>
      key === 'then'
        ? (_resolve: unknown, reject: (error: Error) => void) =>
            reject(new DatabaseReached('the endpoint parsed its input and queried the database'))
        : query,
    apply: () => query,
  });
  return query as Database;
})();

const names = Object.keys(apiEndpoints) as ApiName[];

describe('the endpoint map', () => {
  const handlers = routeHandlers();

  it('names exactly the endpoints the server implements', () => {
    expect([...names].sort()).toEqual(Object.keys(endpoints).sort());
  });

  it('gives every route handler the route it is served at', () => {
    expect(handlers.length).toBeGreaterThan(0);
    for (const { route, served } of handlers) {
      expect(apiEndpoints[served as ApiName]?.route, `app${route}/route.ts serves ${served}`).toBe(route);
    }
  });

  it.each(names)('builds %s paths that reach the handler serving it', (name) => {
    const { path } = resolveSample(name);
    expect(
      handlerFor(handlers, path).map((handler) => handler.served),
      path,
    ).toEqual([name]);
  });

  it.each(names)('sends %s only query parameters the server accepts', async (name) => {
    const { path, pathParams } = resolveSample(name);
    const url = new URL(path, 'http://tusk.test');
    // A 400 (ApiError) here means the map sends something the server's schema refuses.
    await expect(endpoints[name]({ db: stopAtDatabase, url, params: pathParams })).rejects.toBeInstanceOf(
      DatabaseReached,
    );
  });
});

describe('resolveEndpoint', () => {
  it('fills path parameters, URL-encoded, and sends the rest as the query in order', () => {
    expect(resolveEndpoint('nodeHistory', { nodeId: 'a/b', limit: 90, before: 3 })).toEqual({
      path: '/api/v1/nodes/a%2Fb/history?limit=90&before=3',
      pathParams: { nodeId: 'a/b' },
    });
  });

  it('leaves out empty and undefined values and joins lists with commas', () => {
    expect(resolveEndpoint('operator', { nodeIds: [], operator: '0x1' }).path).toBe('/api/v1/operator?operator=0x1');
    expect(resolveEndpoint('votes', { voters: ['0x1', '0x2'] }).path).toBe('/api/v1/votes?voters=0x1%2C0x2');
    expect(resolveEndpoint('blobs', { q: '', state: undefined }).path).toBe('/api/v1/blobs');
  });
});
