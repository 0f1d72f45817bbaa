import type { Metadata } from 'next';
import type { DelegatorsJson, NodeDetailJson, NodeHistoryJson } from '@/features/data/api';
import { NodeDetailView } from '@/features/nodes/NodeDetailView';
import { loadApi } from '@/server/data';

type Params = Promise<{ nodeId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { nodeId } = await params;
  return { title: `Node ${nodeId.slice(0, 10)}…` };
}

export default async function NodePage({ params }: { params: Params }) {
  const { nodeId: raw } = await params;
  const detail = await loadApi<NodeDetailJson>('node', { nodeId: raw });
  const nodeId = detail.node.nodeId;
  const [history, delegators] = await Promise.all([
    loadApi<NodeHistoryJson>('nodeHistory', { nodeId }, { limit: '90' }),
    loadApi<DelegatorsJson>('nodeDelegators', { nodeId }, { limit: '50' }),
  ]);
  return <NodeDetailView nodeId={nodeId} initial={detail} initialHistory={history} initialDelegators={delegators} />;
}
