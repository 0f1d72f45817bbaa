import type { Metadata } from 'next';
import { randomBytes } from 'node:crypto';
import { NodesView } from '@/features/nodes/NodesView';
import { nodeListParams, type NodeQuery } from '@/features/nodes/nodeQuery';
import { NODE_SORTS, NODE_STATUSES, type NodeSort, type NodeStatusFilter } from '@/server/queries/nodeList';
import { loadApi } from '@/server/data';

export const metadata: Metadata = { title: 'Nodes' };

type Search = Promise<Record<string, string | string[] | undefined>>;

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export default async function NodesPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const seed =
    typeof params.seed === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(params.seed)
      ? params.seed
      : randomBytes(4).toString('hex');
  const offset = typeof params.offset === 'string' && /^\d{1,6}$/.test(params.offset) ? Number(params.offset) : 0;
  const query: NodeQuery = {
    sort: pick<NodeSort>(params.sort, NODE_SORTS, 'shuffle'),
    order: pick(params.order, ['asc', 'desc'] as const, 'desc'),
    status: pick<NodeStatusFilter>(params.status, NODE_STATUSES, 'all'),
    q: typeof params.q === 'string' ? params.q.slice(0, 100) : '',
    seed,
    offset,
  };
  const initial = await loadApi('nodes', nodeListParams(query));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Storage nodes</h1>
          <p>Every registered node: stake, shards, commission, APY, voting power and slashes.</p>
        </div>
      </div>
      <NodesView initial={initial} initialQuery={query} />
    </>
  );
}
