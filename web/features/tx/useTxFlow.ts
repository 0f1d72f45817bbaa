'use client';
/**
 * The life of one transaction in the UI: build it (inputs already checked by
 * the builder, which also describes it as a `TxIntent`), simulate it and
 * review what it will do and cost (`reviewTransaction`: every argument exact,
 * checked against the simulation), let the wallet sign and execute it, then
 * wait for the network and the indexer. Every failure becomes one sentence
 * (`explainFailure`), Move aborts included.
 *
 * Signing is refused, with the reason on screen, while the wallet would sign
 * for another network than the deployment's, the full node is on another
 * chain, the simulation disagrees with the intent, or the transaction rebuilt
 * for signing is not the one reviewed.
 */
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCurrentAccount, useCurrentClient, useCurrentNetwork, useDAppKit } from '@mysten/dapp-kit-react';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { explainFailure } from '@tusk/shared/abortCodes';
import { TxInputError } from '@tusk/shared/tx/inputs';
import { sameIntent, type BuiltTx } from '@tusk/shared/tx/intent';
import { reviewTransaction, type ReviewContext, type TxReview } from '@tusk/shared/tx/review';
import { signingChainProblem } from '@tusk/shared/tx/signingChain';
import { SIMULATION_INCLUDE, simulatedEffectsOf } from '@tusk/shared/tx/simulation';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { fetchEndpoint } from '../data/live.ts';

export type TxPhase =
  | { step: 'idle' }
  | { step: 'simulating' }
  /** `blocked`: why signing is refused (network, chain, or what the simulation would do), else null. */
  | { step: 'review'; review: TxReview; blocked: string | null }
  | { step: 'invalid'; message: string }
  | { step: 'signing' }
  | { step: 'pending'; digest: string }
  | { step: 'confirmed'; digest: string; checkpoint: bigint | null; indexed: boolean }
  | { step: 'failed'; message: string; digest?: string };

type Build = () => BuiltTx | Promise<BuiltTx>;

export function useTxFlow(sender: string | null) {
  const client = useCurrentClient();
  const dAppKit = useDAppKit();
  const account = useCurrentAccount();
  const walletNetwork = useCurrentNetwork();
  const deployment = useDeployment();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<TxPhase>({ step: 'idle' });
  const buildRef = useRef<Build | null>(null);
  const reviewedRef = useRef<BuiltTx['intent'] | null>(null);

  const reset = useCallback(() => {
    buildRef.current = null;
    reviewedRef.current = null;
    setPhase({ step: 'idle' });
  }, []);

  /** Why the wallet must not sign for this deployment now, or null. */
  const chainProblem = useCallback(async (): Promise<string | null> => {
    if (!deployment) return 'No deployment is configured: signing is off.';
    let nodeChainId: string | null;
    try {
      nodeChainId = (await client.core.getChainIdentifier()).chainIdentifier;
    } catch {
      nodeChainId = null;
    }
    return signingChainProblem({
      deployment,
      nodeChainId,
      walletNetwork,
      accountChains: account?.chains ?? [],
    });
  }, [account, client, deployment, walletNetwork]);

  /** Builds and simulates; on success the flow waits in `review` for `submit`. */
  const review = useCallback(
    async (build: Build, context: ReviewContext = {}) => {
      if (!sender || !deployment) {
        setPhase({ step: 'invalid', message: 'Connect a wallet first.' });
        return;
      }
      buildRef.current = build;
      reviewedRef.current = null;
      setPhase({ step: 'simulating' });
      try {
        const { transaction, intent } = await build();
        // Resolved with gas payment, as the wallet will: the simulation then charges the real gas.
        const bytes = await transaction.build({ client });
        const [result, problem] = await Promise.all([
          client.core.simulateTransaction({ transaction: bytes, include: SIMULATION_INCLUDE }),
          chainProblem(),
        ]);
        if (result.$kind === 'FailedTransaction') {
          setPhase({ step: 'failed', message: explainFailure(result.FailedTransaction.status.error) });
          return;
        }
        const effects = simulatedEffectsOf(result.Transaction, sender, deployment);
        const txReview = reviewTransaction(intent, effects, deployment, context);
        const blocked =
          problem ??
          (txReview.mismatches.length > 0
            ? 'The simulation does not match what you asked for, so signing is off (details below).'
            : null);
        reviewedRef.current = intent;
        setPhase({ step: 'review', review: txReview, blocked });
      } catch (error) {
        setPhase(
          error instanceof TxInputError
            ? { step: 'invalid', message: error.message }
            : { step: 'failed', message: explainFailure(error) },
        );
      }
    },
    [chainProblem, client, deployment, sender],
  );

  /** Signs and executes the reviewed transaction (rebuilt fresh, so object versions are current). */
  const submit = useCallback(async () => {
    const build = buildRef.current;
    const reviewed = reviewedRef.current;
    if (!build || !reviewed || phase.step !== 'review' || phase.blocked) return;
    setPhase({ step: 'signing' });
    let digest: string | undefined;
    try {
      const { transaction, intent } = await build();
      if (!sameIntent(intent, reviewed)) {
        setPhase({
          step: 'failed',
          message: 'The transaction changed since you reviewed it (your coins or positions moved): review it again.',
        });
        return;
      }
      if (!account || normalizeSuiAddress(account.address) !== normalizeSuiAddress(intent.sender)) {
        setPhase({
          step: 'failed',
          message: 'The wallet account changed since the review: review the transaction again with this account.',
        });
        return;
      }
      const problem = await chainProblem();
      if (problem) {
        setPhase({ step: 'failed', message: problem });
        return;
      }
      const result = await dAppKit.signAndExecuteTransaction({ transaction, network: walletNetwork });
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
  }, [account, chainProblem, client, dAppKit, phase, queryClient, walletNetwork]);

  /**
   * The form may be changed and reviewed: idle, or its inputs were refused.
   * While a review, a signature or a result is on screen, the panel's own
   * buttons (Change, Try again) lead back.
   */
  const editable = phase.step === 'idle' || phase.step === 'invalid';

  return { phase, editable, review, submit, reset };
}

export type TxFlow = ReturnType<typeof useTxFlow>;

/** Waits (up to ~20 s) until every indexer pipeline has passed `checkpoint`. */
async function waitForIndexer(checkpoint: bigint | null): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const status = await fetchEndpoint('status', {});
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
