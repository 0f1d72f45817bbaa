/** IDs and addresses: short on screen, full in the title and the link. */
import Link from 'next/link';
import { shortId } from '@tusk/shared/format';

export function ShortId({ id }: { id: string }) {
  return (
    <span className="mono" title={id}>
      {shortId(id)}
    </span>
  );
}

export function NodeLink({ nodeId, name }: { nodeId: string; name?: string | null }) {
  return (
    <Link href={`/nodes/${nodeId}`} title={nodeId}>
      {name || shortId(nodeId)}
    </Link>
  );
}

export function EpochLink({ epoch }: { epoch: number }) {
  return <Link href={`/epochs/${epoch}`}>Epoch {epoch}</Link>;
}

export function AddressLink({ address }: { address: string }) {
  return (
    <Link href={`/stake?address=${address}`} title={address} className="mono">
      {shortId(address)}
    </Link>
  );
}
