import type { Metadata } from 'next';
import { NodeDetailView } from '@/features/nodes/NodeDetailView';
import { DELEGATOR_PAGE_SIZE, HISTORY_EPOCHS } from '@/features/nodes/nodeQuery';
import { loadApi } from '@/server/data';

type Params = Promise<{ nodeId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { nodeId } = await params;
  return { title: `Node ${nodeId.slice(0, 10)}…` };
}

export default async function NodePage({ params }: { params: Params }) {
  const { nodeId: raw } = await params;
  const detail = await loadApi('node', { nodeId: raw });
  const nodeId = detail.node.nodeId;
  const [history, delegators] = await Promise.all([
    loadApi('nodeHistory', { nodeId, limit: HISTORY_EPOCHS }),
    loadApi('nodeDelegators', { nodeId, limit: DELEGATOR_PAGE_SIZE }),
  ]);
  return <NodeDetailView nodeId={nodeId} initial={detail} initialHistory={history} initialDelegators={delegators} />;
}
