'use client';
/**
 * The life of one transaction in the UI: build it (inputs already checked by
 * the builder), simulate it and show what it will do and cost, let the wallet
 * sign and execute it, then wait for the network and the indexer. Every
 * failure becomes one sentence (`explainFailure`), Move aborts included.
 */
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCurrentClient, useDAppKit } from '@mysten/dapp-kit-react';
import type { Transaction } from '@mysten/sui/transactions';
import { explainFailure } from '@tusk/shared/abortCodes';
import { TxInputError } from '@tusk/shared/tx/inputs';
import { fetchApi } from '../data/live.ts';

export interface Preview {
  /** Gas: computation + storage − rebate, in MIST (may be negative when storage is freed). */
  fee: bigint;
  /** Net change of each coin type for the sender (WAL, SUI), by coin type. */
  balanceChanges: { coinType: string; amount: bigint }[];
  /** Types of the objects the transaction creates (e.g. a StakedWal). */
  created: string[];
}

export type TxPhase =
  | { step: 'idle' }
  | { step: 'simulating' }
  | { step: 'review'; preview: Preview }
  | { step: 'invalid'; message: string }
  | { step: 'signing' }
  | { step: 'pending'; digest: string }
  | { step: 'confirmed'; digest: string; checkpoint: bigint | null; indexed: boolean }
  | { step: 'failed'; message: string; digest?: string };

type Build = () => Transaction | Promise<Transaction>;

function previewOf(result: unknown, sender: string): Preview {
  const tx = result as {
    effects?: {
      gasUsed?: { computationCost: string; storageCost: string; storageRebate: string };
      changedObjects?: { objectId: string; idOperation: string }[];
    };
    balanceChanges?: { coinType: string; address: string; amount: string }[];
    objectTypes?: Record<string, string>;
  };
  const gas = tx.effects?.gasUsed;
  const fee = gas ? BigInt(gas.computationCost) + BigInt(gas.storageCost) - BigInt(gas.storageRebate) : 0n;
  const balanceChanges = (tx.balanceChanges ?? [])
    .filter((change) => change.address === sender)
    .map((change) => ({ coinType: change.coinType, amount: BigInt(change.amount) }));
  const created = (tx.effects?.changedObjects ?? [])
    .filter((object) => object.idOperation === 'Created')
    .map((object) => tx.objectTypes?.[object.objectId] ?? 'object');
  return { fee, balanceChanges, created };
}

export function useTxFlow(sender: string | null) {
  const client = useCurrentClient();
  const dAppKit = useDAppKit();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<TxPhase>({ step: 'idle' });
  const buildRef = useRef<Build | null>(null);

  const reset = useCallback(() => {
    buildRef.current = null;
    setPhase({ step: 'idle' });
  }, []);

  /** Builds and simulates; on success the flow waits in `review` for `submit`. */
  const review = useCallback(
    async (build: Build) => {
      if (!sender) {
        setPhase({ step: 'invalid', message: 'Connect a wallet first.' });
        return;
      }
      buildRef.current = build;
      setPhase({ step: 'simulating' });
      try {
        const transaction = await build();
        const result = await client.core.simulateTransaction({
          transaction,
          include: { effects: true, balanceChanges: true, objectTypes: true },
        });
        if (result.$kind === 'FailedTransaction') {
          setPhase({ step: 'failed', message: explainFailure(result.FailedTransaction.status.error) });
          return;
        }
        setPhase({ step: 'review', preview: previewOf(result.Transaction, sender) });
      } catch (error) {
        setPhase(
          error instanceof TxInputError
            ? { step: 'invalid', message: error.message }
            : { step: 'failed', message: explainFailure(error) },
        );
      }
    },
    [client, sender],
  );

  /** Signs and executes the reviewed transaction (rebuilt fresh, so object versions are current). */
  const submit = useCallback(async () => {
    const build = buildRef.current;
    if (!build) return;
    setPhase({ step: 'signing' });
    let digest: string | undefined;
    try {
      const transaction = await build();
      const result = await dAppKit.signAndExecuteTransaction({ transaction });
      if (result.$kind === 'FailedTransaction') {
        digest = result.FailedTransaction.digest;
        setPhase({ step: 'failed', digest, message: explainFailure(result.FailedTransaction.status.error) });
        return;
      }
      digest = result.Transaction.digest;
      setPhase({ step: 'pending', digest });
      let checkpoint: bigint | null = null;
      try {
        const settled = await client.core.waitForTransaction({ digest, timeout: 30_000 });
        const tx = settled.Transaction ?? settled.FailedTransaction;
        if (settled.$kind === 'FailedTransaction') {
          setPhase({ step: 'failed', digest, message: explainFailure(settled.FailedTransaction.status.error) });
          return;
        }
        checkpoint = tx?.checkpoint ? BigInt(tx.checkpoint) : null;
      } catch {
        // Executed (the wallet returned effects) but the node did not report the checkpoint in time.
      }
      setPhase({ step: 'confirmed', digest, checkpoint, indexed: false });
      void queryClient.invalidateQueries({ queryKey: ['chain'] });
      await waitForIndexer(checkpoint);
      setPhase({ step: 'confirmed', digest, checkpoint, indexed: true });
      await queryClient.invalidateQueries();
    } catch (error) {
      setPhase({ step: 'failed', digest, message: explainFailure(error) });
    }
  }, [client, dAppKit, queryClient]);

  return { phase, review, submit, reset };
}

/** Waits (up to ~20 s) until every indexer pipeline has passed `checkpoint`. */
async function waitForIndexer(checkpoint: bigint | null): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const status = await fetchApi<{ pipelines: { checkpoint: string }[] }>('/api/v1/status');
      const lowest = status.pipelines.reduce<bigint | null>(
        (min, p) => (min === null || BigInt(p.checkpoint) < min ? BigInt(p.checkpoint) : min),
        null,
      );
      if (checkpoint === null ? true : lowest !== null && lowest >= checkpoint) {
        if (checkpoint === null) await new Promise((resolve) => setTimeout(resolve, 2_000));
        return;
      }
    } catch {
      // The API being briefly unavailable is not the transaction's problem.
    }
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
}
