'use client';
/** Close a proposal whose voting window has ended (anyone may): tallies become final, the deposit is returned or burned. */
import { useState } from 'react';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { buildFinalizeProposal } from '@tusk/shared/tx/governance';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxFormFooter } from '../tx/TxFormFooter.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';

export function FinalizeButton({ proposalId, title }: { proposalId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const deployment = useDeployment();
  const sender = useCurrentAccount()?.address ?? null;
  const flow = useTxFlow(sender);
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
        Finalize
      </button>
      <TxDialog title={`Finalize: ${title}`} open={open} onClose={() => setOpen(false)}>
        {!deployment ? (
          <p>Unavailable: no deployment is configured.</p>
        ) : !sender ? (
          <p>Connect a wallet to finalize.</p>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void flow.review(() => buildFinalizeProposal({ deployment, sender, proposalId }), {
                proposals: { [proposalId]: title },
              });
            }}
          >
            <p>
              The voting window has ended. Finalizing records the final tally; the deposit goes back to the proposer
              unless the proposal was vetoed.
            </p>
            <TxFormFooter flow={flow} submitLabel="Sign and finalize" />
          </form>
        )}
      </TxDialog>
    </>
  );
}
