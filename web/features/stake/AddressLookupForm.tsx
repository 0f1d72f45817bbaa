'use client';
/** "Look up an address": opens My stake for any address (watch mode), and leads back to the wallet's own. */
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { FormField } from '../ui/FormField.tsx';

export function AddressLookupForm({ showBackToWallet }: { showBackToWallet: boolean }) {
  const router = useRouter();
  const [lookup, setLookup] = useState('');
  return (
    <form
      className="toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        if (lookup.trim()) router.push(`/stake?address=${encodeURIComponent(lookup.trim())}`);
      }}
    >
      <FormField id="lookup-address" label="Look up an address">
        {(control) => (
          <input
            {...control}
            type="text"
            className="mono"
            placeholder="0x…"
            value={lookup}
            onChange={(event) => setLookup(event.target.value)}
            size={40}
            maxLength={70}
          />
        )}
      </FormField>
      <button type="submit" className="button button--secondary">
        Show
      </button>
      {showBackToWallet ? (
        <Link className="button button--secondary" href="/stake">
          Back to my wallet
        </Link>
      ) : null}
    </form>
  );
}
