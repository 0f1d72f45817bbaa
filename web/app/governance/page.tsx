import type { Metadata } from 'next';
import { GovernanceView } from '@/features/governance/GovernanceView';
import { loadApi } from '@/server/data';

export const metadata: Metadata = { title: 'Governance' };

export default async function GovernancePage() {
  const initial = await loadApi('proposals', { status: 'open', limit: 50 });
  return <GovernanceView initial={initial} initialStatus="open" />;
}
