'use client';
/** IDs and addresses: short on screen, full in the title, the link and the copy button. */
import { useState } from 'react';
import Link from 'next/link';
import { shortId } from '@tusk/shared/format';

export function ShortId({ id }: { id: string }) {
  return (
    <span className="mono" title={id} data-id={id}>
      {shortId(id)}
    </span>
  );
}

/** A short ID with a button that copies the full one (where stake or a vote is chosen, and in reviews). */
export function CopyableId({ id, label = 'ID' }: { id: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="copy">
      <ShortId id={id} />
      <button
        type="button"
        aria-label={`Copy the full ${label} ${id}`}
        title={`Copy ${id}`}
        onClick={() => {
          void navigator.clipboard?.writeText(id).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1_500);
          });
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
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
