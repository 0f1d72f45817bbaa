import type { Metadata } from 'next';
import { StorageView } from '@/features/storage/StorageView';
import { loadApi } from '@/server/data';

export const metadata: Metadata = { title: 'Storage' };

export default async function StoragePage() {
  const [initial, blobs] = await Promise.all([
    loadApi('storage', {}),
    loadApi('blobs', { state: 'all', limit: 50, offset: 0 }),
  ]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Storage</h1>
          <p>Capacity, prices, fees and the blobs stored on Tusk.</p>
        </div>
      </div>
      <StorageView initial={initial} initialBlobs={blobs} />
    </>
  );
}
