import type { Metadata } from 'next';
import { EpochsView } from '@/features/epochs/EpochsView';
import { loadApi } from '@/server/data';

export const metadata: Metadata = { title: 'Epochs' };

export default async function EpochsPage() {
  const initial = await loadApi('epochs', { limit: 30 });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Epochs</h1>
          <p>Each epoch’s stake, committee, rewards and fees. Select an epoch for its committee and events.</p>
        </div>
      </div>
      <EpochsView initial={initial} />
    </>
  );
}
