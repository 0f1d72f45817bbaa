// Upgrading `tusk` through governance. The `UpgradeCap` lives in the shared
// `Governance` object (handed over by `init::initialize`); a passed upgrade
// proposal authorizes exactly one package digest. This module:
//  1. reads which digests governance has authorized and not used yet: from
//     the `Governance` object itself (`authorized_upgrades`), else from our
//     events (`ProposalCreated` kind 1 whose payload is the digest, followed
//     by `ProposalFinalized` status 1 = passed);
//  2. refuses an upgrade whose freshly built digest is not one of them;
//  3. builds the upgrade PTB: ticket = governance::authorize_upgrade(...),
//     receipt = Upgrade(modules, deps, tuskCurrent, ticket),
//     governance::commit_upgrade(..., receipt);
//  4. builds the follow-up through the new package: every `migrate` the
//     source defines (governance, system), which moves the shared objects to
//     the new version and emits `PackageUpgraded`.
// The Move functions' parameters are read from move/tusk/sources/*.move, like
// `initialize`'s (see initialize.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction, type TransactionArgument } from '@mysten/sui/transactions';
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { ProposalCreated, ProposalFinalized } from '@tusk/shared/events';
import type { Deployment } from '@tusk/shared/deployment';
import { UPGRADE_DELAY_EPOCHS } from '@tusk/shared/protocol';
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
  /** First epoch the upgrade can be applied in (governance waits UPGRADE_DELAY_EPOCHS after it passed). */
  availableEpoch: number;
}

/**
 * The head of `tusk::governance::Governance` in field order, as far as the
 * authorized digests: `id`, `version`, `proposals` (ObjectTable: UID + size),
 * `upgrade_cap` (UpgradeCap: UID, package, version, policy),
 * `authorized_upgrades` (VecMap<ID, AuthorizedUpgrade { digest, available_epoch }>: a vector of entries).
 * Mirrors move/tusk/sources/governance.move; change both together.
 */
export const GovernanceState = bcs.struct('Governance', {
  id: bcs.Address,
  version: bcs.u64(),
  proposals: bcs.struct('ObjectTable', { id: bcs.Address, size: bcs.u64() }),
  upgrade_cap: bcs.struct('UpgradeCap', {
    id: bcs.Address,
    package: bcs.Address,
    version: bcs.u64(),
    policy: bcs.u8(),
  }),
  authorized_upgrades: bcs.vector(
    bcs.struct('Entry', {
      key: bcs.Address,
      value: bcs.struct('AuthorizedUpgrade', { digest: bcs.byteVector(), available_epoch: bcs.u32() }),
    }),
  ),
});

/** What governance says about upgrades right now. */
export interface GovernanceUpgrades {
  /** Digests authorized by passed proposals and not used yet. */
  authorized: AuthorizedUpgrade[];
  /** The package the UpgradeCap last upgraded to (the current tusk), when read from the object. */
  currentPackage?: string;
  /** Where this came from, for messages. */
  source: 'governance object' | 'events';
}

/** Parses the `Governance` object's BCS content. */
export function governanceUpgrades(content: Uint8Array): GovernanceUpgrades {
  const state = GovernanceState.parse(content);
  return {
    authorized: state.authorized_upgrades.map((entry) => ({
      proposalId: normalizeSuiAddress(entry.key),
      digest: toHex(Uint8Array.from(entry.value.digest)),
      availableEpoch: entry.value.available_epoch,
    })),
    currentPackage: normalizeSuiAddress(state.upgrade_cap.package),
    source: 'governance object',
  };
}

/**
 * Reads governance's authorized upgrades from the chain: the object first
 * (exact: passed and unused), the events when its layout cannot be read
 * (passed, possibly used already: the chain then refuses the ticket).
 */
export async function readGovernanceUpgrades(
  client: SuiGrpcClient,
  deployment: Deployment,
): Promise<GovernanceUpgrades> {
  try {
    const { object } = await client.getObject({
      objectId: deployment.objects.governance.objectId,
      include: { content: true },
    });
    return governanceUpgrades(object.content);
  } catch (error) {
    console.log(
      `could not read the Governance object (${(error as Error).message}); reading governance events instead`,
    );
    return { authorized: await authorizedUpgrades(client, deployment), source: 'events' };
  }
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
  finalized: { proposal_id: string; status: number; epoch: number }[],
): AuthorizedUpgrade[] {
  const passedIn = new Map(
    finalized
      .filter((event) => event.status === PROPOSAL_STATUS_PASSED)
      .map((event) => [normalizeSuiAddress(event.proposal_id), event.epoch] as const),
  );
  return created
    .filter((event) => event.kind === PROPOSAL_KIND_UPGRADE && passedIn.has(normalizeSuiAddress(event.proposal_id)))
    .map((event) => ({
      proposalId: normalizeSuiAddress(event.proposal_id),
      digest: toHex(Uint8Array.from(event.payload)),
      availableEpoch: passedIn.get(normalizeSuiAddress(event.proposal_id))! + UPGRADE_DELAY_EPOCHS,
    }));
}

/** The proposal authorizing `digest`, or an error saying what governance has authorized instead. */
export function requireAuthorized(digest: Uint8Array, authorized: AuthorizedUpgrade[]): AuthorizedUpgrade {
  const hex = toHex(digest);
  const match = authorized.find((upgrade) => upgrade.digest === hex);
  if (match) return match;
  const known =
    authorized.length > 0
      ? authorized
          .map((u) => `${u.digest} (proposal ${u.proposalId}, usable from epoch ${u.availableEpoch})`)
          .join(', ')
      : 'none';
  throw new Error(
    `refusing to upgrade: governance has not authorized digest ${hex} of this build. ` +
      `Authorized upgrade digests: ${known}. Open an upgrade proposal for ${hex} ` +
      `(propose_upgrade), let it pass, then run --upgrade again with exactly this source.`,
  );
}

/** A `migrate` function of a tusk module, to call through the new package after an upgrade. */
export interface MigrateFunction {
  module: string;
  parameters: MoveParameter[];
}

/** Every `public fun migrate` among the modules that own shared objects, read from source. */
export function readMigrateFunctions(tuskDir: string, modules = [GOVERNANCE_MODULE, 'system']): MigrateFunction[] {
  return modules.flatMap((module) => {
    const path = join(tuskDir, 'sources', `${module}.move`);
    if (!existsSync(path)) return [];
    const source = readFileSync(path, 'utf8');
    if (!/\bpublic\s+fun\s+migrate\s*\(/.test(source)) return [];
    return [{ module, parameters: moveFunctionParameters(source, 'migrate') }];
  });
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

/** Arguments for `parameters`: shared objects of the deployment by type, the proposal ID, the receipt. */
function objectArguments(
  tx: Transaction,
  deployment: Deployment,
  parameters: MoveParameter[],
  extra: { proposalId?: string; receipt?: TransactionArgument },
  where: string,
): TransactionArgument[] {
  return parameters.flatMap((parameter): TransactionArgument[] => {
    const type = parameter.type.replace(/\s+/g, '');
    const mutable = type.startsWith('&mut');
    const base = type.replace(/^&(mut)?/, '').replace(/^.*::/, '');
    const shared = (object: Deployment['objects'][keyof Deployment['objects']]) =>
      object.initialSharedVersion === undefined
        ? tx.object(object.objectId)
        : tx.sharedObjectRef({ objectId: object.objectId, initialSharedVersion: object.initialSharedVersion, mutable });
    if (base === 'Governance') return [shared(deployment.objects.governance)];
    if (base === 'Staking') return [shared(deployment.objects.staking)];
    if (base === 'System') return [shared(deployment.objects.system)];
    if (base === 'WalTreasury') return [shared(deployment.objects.walTreasury)];
    if (base === 'Clock') return [tx.object.clock()];
    if (base === 'ID' && extra.proposalId) return [tx.pure.id(extra.proposalId)];
    if (base === 'UpgradeReceipt' && extra.receipt) return [extra.receipt];
    if (base === 'TxContext') return [];
    throw new Error(`${where} takes ${parameter.name}: ${parameter.type}, which the publish tool cannot supply`);
  });
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
  const ticket = tx.moveCall({
    target: target(AUTHORIZE_FUNCTION),
    arguments: objectArguments(
      tx,
      deployment,
      functions.authorize,
      { proposalId },
      `${GOVERNANCE_MODULE}::${AUTHORIZE_FUNCTION}`,
    ),
  });
  const receipt = tx.upgrade({
    modules: build.modules,
    dependencies: build.dependencies,
    package: deployment.packages.tuskCurrent,
    ticket,
  });
  tx.moveCall({
    target: target(COMMIT_FUNCTION),
    arguments: objectArguments(
      tx,
      deployment,
      functions.commit,
      { receipt },
      `${GOVERNANCE_MODULE}::${COMMIT_FUNCTION}`,
    ),
  });
  return tx;
}

/**
 * Calls every `migrate` through the upgraded package `newPackage` (a package
 * cannot be called in the transaction that creates it, hence a second one).
 */
export function migrateTransaction(
  newPackage: string,
  deployment: Deployment,
  functions: MigrateFunction[],
  sender: string,
): Transaction {
  const tx = new Transaction();
  tx.setSender(sender);
  for (const fn of functions) {
    tx.moveCall({
      target: `${newPackage}::${fn.module}::migrate`,
      arguments: objectArguments(tx, deployment, fn.parameters, {}, `${fn.module}::migrate`),
    });
  }
  return tx;
}
