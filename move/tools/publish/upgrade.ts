// Upgrading `tusk` through governance. The `UpgradeCap` is meant to live in
// the shared `Governance` object (handed over by `init::initialize`); a passed
// upgrade proposal authorizes exactly one package digest. This module:
//  1. finds which digests governance has authorized, from our own events
//     (`ProposalCreated` kind 1 whose payload is the digest, followed by
//     `ProposalFinalized` status 1 = passed);
//  2. refuses an upgrade whose freshly built digest is not one of them;
//  3. builds the upgrade PTB: ticket = governance::authorize_upgrade(...),
//     receipt = Upgrade(modules, deps, tuskCurrent, ticket),
//     governance::commit_upgrade(..., receipt).
// The names and parameters of the two Move functions are read from
// move/tusk/sources/governance.move, like `initialize`'s (see initialize.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction, type TransactionArgument } from '@mysten/sui/transactions';
import { normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { ProposalCreated, ProposalFinalized } from '@tusk/shared/events';
import type { Deployment } from '@tusk/shared/deployment';
import type { PublishableBuild } from './buildPublishable.ts';
import { moveFunctionParameters, type MoveParameter } from './initialize.ts';

export const GOVERNANCE_MODULE = 'governance';
export const AUTHORIZE_FUNCTION = 'authorize_upgrade';
export const COMMIT_FUNCTION = 'commit_upgrade';
export const PROPOSAL_KIND_UPGRADE = 1;
export const PROPOSAL_STATUS_PASSED = 1;

/** A passed upgrade proposal: the digest it authorizes. */
export interface AuthorizedUpgrade {
  proposalId: string;
  digest: string;
}

/** Reads every event of one type of ours, following cursors to the end. */
async function eventsOfType(client: SuiGrpcClient, eventType: string): Promise<Uint8Array[]> {
  const found: Uint8Array[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await client.listEvents({ filter: { eventType }, after, limit: 50 });
    found.push(...page.events.map((event) => event.bcs));
    // A gRPC page can be empty with more to come (scan limit): keep following the cursor.
    if (!page.hasNextPage || !page.endCursor) return found;
    after = page.endCursor;
  }
}

/** Upgrade digests governance has passed, from `ProposalCreated` + `ProposalFinalized` events. */
export async function authorizedUpgrades(client: SuiGrpcClient, deployment: Deployment): Promise<AuthorizedUpgrade[]> {
  const events = `${deployment.packages.tuskOriginal}::events`;
  const created = (await eventsOfType(client, `${events}::ProposalCreated`)).map((bytes) =>
    ProposalCreated.parse(bytes),
  );
  const finalized = (await eventsOfType(client, `${events}::ProposalFinalized`)).map((bytes) =>
    ProposalFinalized.parse(bytes),
  );
  return passedUpgrades(created, finalized);
}

/** The pure part of `authorizedUpgrades`, for tests. */
export function passedUpgrades(
  created: { proposal_id: string; kind: number; payload: number[] | Uint8Array }[],
  finalized: { proposal_id: string; status: number }[],
): AuthorizedUpgrade[] {
  const passed = new Set(
    finalized
      .filter((event) => event.status === PROPOSAL_STATUS_PASSED)
      .map((event) => normalizeSuiAddress(event.proposal_id)),
  );
  return created
    .filter((event) => event.kind === PROPOSAL_KIND_UPGRADE && passed.has(normalizeSuiAddress(event.proposal_id)))
    .map((event) => ({
      proposalId: normalizeSuiAddress(event.proposal_id),
      digest: toHex(Uint8Array.from(event.payload)),
    }));
}

/** The proposal authorizing `digest`, or an error saying what governance has authorized instead. */
export function requireAuthorized(digest: Uint8Array, authorized: AuthorizedUpgrade[]): AuthorizedUpgrade {
  const hex = toHex(digest);
  const match = authorized.find((upgrade) => upgrade.digest === hex);
  if (match) return match;
  const known =
    authorized.length > 0 ? authorized.map((u) => `${u.digest} (proposal ${u.proposalId})`).join(', ') : 'none';
  throw new Error(
    `refusing to upgrade: governance has not authorized digest ${hex} of this build. ` +
      `Authorized upgrade digests: ${known}. Open an upgrade proposal for ${hex} ` +
      `(propose_upgrade), let it pass, then run --upgrade again with exactly this source.`,
  );
}

/** The two governance functions' parameters, or a message saying the Move side lacks them. */
export function readUpgradeFunctions(tuskDir: string): { authorize: MoveParameter[]; commit: MoveParameter[] } {
  const path = join(tuskDir, 'sources', `${GOVERNANCE_MODULE}.move`);
  if (!existsSync(path)) throw new Error(`${path} does not exist: the tusk package has no governance module yet`);
  const source = readFileSync(path, 'utf8');
  try {
    return {
      authorize: moveFunctionParameters(source, AUTHORIZE_FUNCTION),
      commit: moveFunctionParameters(source, COMMIT_FUNCTION),
    };
  } catch (error) {
    throw new Error(
      `${path} has no ${AUTHORIZE_FUNCTION} / ${COMMIT_FUNCTION} pair (${(error as Error).message}): ` +
        `governance-authorized upgrades need them on the Move side (docs/operators/upgrades.md)`,
      { cause: error },
    );
  }
}

/** The upgrade PTB. Object parameters are matched by type; anything else is an error naming it. */
export function upgradeTransaction(
  build: Pick<PublishableBuild, 'modules' | 'dependencies'>,
  deployment: Deployment,
  proposalId: string,
  functions: { authorize: MoveParameter[]; commit: MoveParameter[] },
  sender: string,
): Transaction {
  const tx = new Transaction();
  tx.setSender(sender);
  const target = (fn: string) => `${deployment.packages.tuskCurrent}::${GOVERNANCE_MODULE}::${fn}` as const;
  const args = (parameters: MoveParameter[], receipt?: TransactionArgument): TransactionArgument[] =>
    parameters.flatMap((parameter): TransactionArgument[] => {
      const type = parameter.type.replace(/\s+/g, '');
      const mutable = type.startsWith('&mut');
      const base = type.replace(/^&(mut)?/, '').replace(/^.*::/, '');
      const shared = (object: Deployment['objects'][keyof Deployment['objects']]) =>
        object.initialSharedVersion === undefined
          ? tx.object(object.objectId)
          : tx.sharedObjectRef({
              objectId: object.objectId,
              initialSharedVersion: object.initialSharedVersion,
              mutable,
            });
      if (base === 'Governance') return [shared(deployment.objects.governance)];
      if (base === 'Staking') return [shared(deployment.objects.staking)];
      if (base === 'System') return [shared(deployment.objects.system)];
      if (base === 'Clock') return [tx.object.clock()];
      if (base === 'ID') return [tx.pure.id(proposalId)];
      if (base === 'UpgradeReceipt' && receipt) return [receipt];
      if (base === 'TxContext') return [];
      throw new Error(
        `${GOVERNANCE_MODULE} upgrade function takes ${parameter.name}: ${parameter.type}, which the publish tool cannot supply`,
      );
    });
  const ticket = tx.moveCall({ target: target(AUTHORIZE_FUNCTION), arguments: args(functions.authorize) });
  const receipt = tx.upgrade({
    modules: build.modules,
    dependencies: build.dependencies,
    package: deployment.packages.tuskCurrent,
    ticket,
  });
  tx.moveCall({ target: target(COMMIT_FUNCTION), arguments: args(functions.commit, receipt) });
  return tx;
}
