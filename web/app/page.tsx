import { OverviewView } from '@/features/overview/OverviewView';
import { loadApi } from '@/server/data';

export default async function OverviewPage() {
  const initial = await loadApi('overview', {});
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Network overview</h1>
          <p>Epoch progress, stake, committee, storage and rewards — live from the index.</p>
        </div>
      </div>
      <OverviewView initial={initial} serverNow={Date.now()} />
    </>
  );
}
