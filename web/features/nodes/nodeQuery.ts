/** The node list's query state, shared by the server page and the client view. */
import type { NodeSort, NodeStatusFilter } from '../../server/queries/nodeList.ts';

export interface NodeQuery {
  sort: NodeSort;
  order: 'asc' | 'desc';
  status: NodeStatusFilter;
  q: string;
  seed: string;
  offset: number;
}

export const PAGE_SIZE = 100;

export function nodesPath(query: NodeQuery): string {
  const params = new URLSearchParams({
    sort: query.sort,
    order: query.order,
    status: query.status,
    seed: query.seed,
    limit: String(PAGE_SIZE),
    offset: String(query.offset),
  });
  if (query.q.trim()) params.set('q', query.q.trim());
  return `/api/v1/nodes?${params}`;
}
