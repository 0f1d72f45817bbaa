import type { Metadata } from 'next';
import { EpochDetailView } from '@/features/epochs/EpochDetailView';
import { loadApi } from '@/server/data';

type Params = Promise<{ epoch: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Epoch ${(await params).epoch}` };
}

export default async function EpochPage({ params }: { params: Params }) {
  const { epoch } = await params;
  const initial = await loadApi('epoch', { epoch });
  return <EpochDetailView initial={initial} />;
}
