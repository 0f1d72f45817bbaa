'use client';
/**
 * What the wallet's address holds on chain, read through the full node: WAL
 * coins (to pay stakes and deposits), SUI (gas), and `StorageNodeCap`s (which
 * nodes it operates). The index tells history; the chain tells what can be
 * spent right now.
 */
import { useQuery } from '@tanstack/react-query';
import { useCurrentClient } from '@mysten/dapp-kit-react';
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { deploymentTypes } from '@tusk/shared/deployment';
import type { WalCoin } from '@tusk/shared/tx/inputs';
import { useDeployment } from '../app/DeploymentContext.tsx';

const CHAIN_POLL_MS = 10_000;

export function useWalCoins(owner: string | null) {
  const client = useCurrentClient();
  const deployment = useDeployment();
  return useQuery({
    queryKey: ['chain', 'walCoins', owner, deployment?.packages.wal],
    enabled: owner !== null && deployment !== null,
    refetchInterval: CHAIN_POLL_MS,
    queryFn: async ({ signal }) => {
      const coinType = deploymentTypes(deployment!).wal;
      const coins: WalCoin[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof client.core.listCoins>> = await client.core.listCoins({
          owner: owner!,
          coinType,
          cursor,
          limit: 50,
          signal,
        });
        for (const coin of page.objects) coins.push({ ref: coin.objectId, balance: BigInt(coin.balance) });
        cursor = page.hasNextPage ? page.cursor : null;
      } while (cursor);
      return { coins, total: coins.reduce((sum, coin) => sum + coin.balance, 0n) };
    },
  });
}

export function useSuiBalance(owner: string | null) {
  const client = useCurrentClient();
  return useQuery({
    queryKey: ['chain', 'sui', owner],
    enabled: owner !== null,
    refetchInterval: CHAIN_POLL_MS,
    queryFn: async ({ signal }) => BigInt((await client.core.getBalance({ owner: owner!, signal })).balance.balance),
  });
}

/**
 * IDs of the `StakedWal` objects `owner` holds on chain now. The index learns
 * ownership from staking events, and a position given away with a plain
 * transfer emits none, so My stake checks its list against this.
 */
export function useOwnedStakedWalIds(owner: string | null) {
  const client = useCurrentClient();
  const deployment = useDeployment();
  return useQuery({
    queryKey: ['chain', 'stakedWal', owner, deployment?.packages.tuskOriginal],
    enabled: owner !== null && deployment !== null,
    refetchInterval: CHAIN_POLL_MS,
    queryFn: async ({ signal }) => {
      const type = deploymentTypes(deployment!).stakedWal;
      const ids = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof client.core.listOwnedObjects>> = await client.core.listOwnedObjects({
          owner: owner!,
          type,
          cursor,
          limit: 50,
          signal,
        });
        for (const object of page.objects) ids.add(normalizeSuiAddress(object.objectId));
        cursor = page.hasNextPage ? page.cursor : null;
      } while (cursor);
      return ids;
    },
  });
}

export interface OwnedCap {
  capId: string;
  nodeId: string;
}

/** `StorageNodeCap` layout: `{ id: UID, node_id: ID, ... }` — the node ID follows the object's own ID. */
const CapPrefix = bcs.struct('StorageNodeCapPrefix', { id: bcs.Address, node_id: bcs.Address });

export function useOwnedCaps(owner: string | null) {
  const client = useCurrentClient();
  const deployment = useDeployment();
  return useQuery({
    queryKey: ['chain', 'caps', owner, deployment?.packages.tuskOriginal],
    enabled: owner !== null && deployment !== null,
    refetchInterval: CHAIN_POLL_MS,
    queryFn: async ({ signal }) => {
      const type = deploymentTypes(deployment!).storageNodeCap;
      const caps: OwnedCap[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof client.core.listOwnedObjects<{ content: true; json: true }>>> =
          await client.core.listOwnedObjects({
            owner: owner!,
            type,
            cursor,
            limit: 50,
            include: { content: true, json: true },
            signal,
          });
        for (const object of page.objects) {
          const fromJson = typeof object.json?.node_id === 'string' ? (object.json.node_id as string) : null;
          let nodeId = fromJson;
          if (!nodeId && object.content && object.content.length >= 64)
            nodeId = CapPrefix.parse(object.content.slice(0, 64)).node_id;
          if (nodeId) caps.push({ capId: object.objectId, nodeId });
        }
        cursor = page.hasNextPage ? page.cursor : null;
      } while (cursor);
      return caps;
    },
  });
}
