/**
 * The node pages' queries, shared by the server pages (first render) and the
 * client views (polling), so both ask for the same page and the view can use
 * the server's answer: the list's query state, and the detail page's sizes.
 */
import type { ApiParams } from '../data/endpoints.ts';
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

/** Epochs of history the node page charts. */
export const HISTORY_EPOCHS = 90;

/** Delegators per page on the node page. */
export const DELEGATOR_PAGE_SIZE = 50;

/** The `nodes` endpoint's params for a list state (search text trimmed; empty means none). */
export function nodeListParams(query: NodeQuery): ApiParams<'nodes'> {
  return {
    sort: query.sort,
    order: query.order,
    status: query.status,
    seed: query.seed,
    limit: PAGE_SIZE,
    offset: query.offset,
    q: query.q.trim(),
  };
}
