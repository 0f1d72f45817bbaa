import type { Metadata } from 'next';
import { ProposalView } from '@/features/governance/ProposalView';
import { loadApi } from '@/server/data';

export const metadata: Metadata = { title: 'Proposal' };

export default async function ProposalPage({ params }: { params: Promise<{ proposalId: string }> }) {
  const { proposalId } = await params;
  const initial = await loadApi('proposal', { proposalId });
  return <ProposalView initial={initial} />;
}
