import type { Metadata } from 'next';
import type { ProposalsJson } from '@/features/data/api';
import { GovernanceView } from '@/features/governance/GovernanceView';
import { loadApi } from '@/server/data';

export const metadata: Metadata = { title: 'Governance' };

export default async function GovernancePage() {
  const initial = await loadApi<ProposalsJson>('proposals', {}, { status: 'open', limit: '50' });
  return <GovernanceView initial={initial} initialStatus="open" />;
}
