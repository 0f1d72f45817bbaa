import type { Metadata } from 'next';
import { Suspense } from 'react';
import { MyStakeView } from '@/features/stake/MyStakeView';

export const metadata: Metadata = { title: 'My stake' };

export default function StakePage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>My stake</h1>
          <p>Your positions by state, what they have earned, and when pending and withdrawing stake changes state.</p>
        </div>
      </div>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <MyStakeView />
      </Suspense>
    </>
  );
}
