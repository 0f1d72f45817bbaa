'use client';
/**
 * Whose data a personal page shows: `?address=0x…` when given (read-only, to
 * look at any address), else the connected wallet's account.
 */
import { useSearchParams } from 'next/navigation';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { useMounted } from '../app/useMounted.ts';

export function watchedAddress(raw: string | null): string | null {
  if (!raw || !/^0x[0-9a-fA-F]{1,64}$/.test(raw.trim())) return null;
  return normalizeSuiAddress(raw.trim().toLowerCase());
}

export interface ViewedAddress {
  /** The address to show, or null (nothing connected, nothing asked for). */
  address: string | null;
  /** The connected account, when there is one (actions need it). */
  connected: string | null;
  /** Whether `address` is someone else's (watch mode: no actions). */
  watching: boolean;
  /** `?address=` was given but is not an address. */
  invalid: string | null;
  /** False until the wallet state is known in the browser. */
  ready: boolean;
}

export function useViewedAddress(): ViewedAddress {
  const mounted = useMounted();
  const raw = useSearchParams().get('address');
  const connected = useCurrentAccount()?.address ?? null;
  const watched = watchedAddress(raw);
  const address = watched ?? connected;
  return {
    address: mounted ? address : watched,
    connected: mounted ? connected : null,
    watching: watched !== null && watched !== connected,
    invalid: raw !== null && watched === null ? raw : null,
    ready: mounted,
  };
}
