import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OperatorView } from '@/features/operator/OperatorView';

export const metadata: Metadata = { title: 'Operator' };

export default function OperatorPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Operator console</h1>
          <p>Your nodes, found by the StorageNodeCap in your wallet: commission, slash votes and alerts.</p>
        </div>
      </div>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <OperatorView />
      </Suspense>
    </>
  );
}
