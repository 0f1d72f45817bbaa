/**
 * `tusk::init::initialize`: creates `Staking` (epoch 0, starting now),
 * `Governance` and `System` with the chosen parameters — taking fresh IDs in
 * the order Move does — and emits `ParametersApplied` for epoch 0 with every
 * parameter (`n_shards` first, then the governed ones in order).
 */
import type { TxContext } from '../context.ts';
import { emptyCommittee } from './staking.ts';
import { GOVERNED_NAMES, newParams, parameterValue, type GenesisParams } from './params.ts';
import type { TuskState } from './state.ts';
import { GOVERNANCE_VERSION } from './governance.ts';
import { STAKING_VERSION } from './staking.ts';
import { newSystem } from './system.ts';
import { TREASURY_VERSION } from './treasury.ts';
import { TOTAL_SUPPLY_FROST } from '@tusk/shared/protocol';

export interface Initialized {
  state: TuskState;
  stakingId: string;
  governanceId: string;
  systemId: string;
}

export function initialize(ctx: TxContext, genesis: GenesisParams, tuskPackageId: string): Initialized {
  const params = newParams(genesis);
  const prices = { storagePrice: genesis.storagePrice, writePrice: genesis.writePrice, capacity: genesis.capacity };
  const stakingId = ctx.freshId();
  ctx.freshId(); // pools: ObjectTable
  ctx.freshId(); // node names: Table
  ctx.freshId(); // slash votes: Table
  const governanceId = ctx.freshId();
  ctx.freshId(); // proposals: ObjectTable
  const systemId = ctx.freshId();
  ctx.currentModule = 'init';
  const state: TuskState = {
    staking: {
      version: STAKING_VERSION,
      params,
      epoch: 0,
      epochStartMs: ctx.timestampMs,
      epochStartStake: 0n,
      epochState: { kind: 'done', doneMs: ctx.timestampMs },
      votingEnded: false,
      committee: emptyCommittee(),
      nextCommittee: emptyCommittee(),
      prices,
      nextPrices: { ...prices },
      nodeCount: 0,
      activeSet: [],
      idleStake: 0n,
      idleGains: [],
      idleLosses: [],
      pendingParameterChanges: [],
    },
    pools: new Map(),
    nodeNames: new Map(),
    poolRates: new Map(),
    slashVotes: new Map(),
    governance: { version: GOVERNANCE_VERSION, authorizedUpgrades: [], packageId: tuskPackageId },
    proposals: new Map(),
    proposalVotes: new Map(),
    // System's UID was taken above in Move's order; newSystem would take another.
    system: { ...newSystemWithoutId(genesis.maxEpochsAhead) },
    treasury: { version: TREASURY_VERSION, totalSupply: TOTAL_SUPPLY_FROST },
  };
  const changed = [
    { name: 'n_shards', value: BigInt(params.nShards) },
    ...GOVERNED_NAMES.map((name) => ({ name, value: parameterValue(params, name) })),
  ];
  ctx.emit('ParametersApplied', {
    epoch: 0,
    storage_price: prices.storagePrice,
    write_price: prices.writePrice,
    capacity: prices.capacity,
    changed,
  });
  return { state, stakingId, governanceId, systemId };
}

function newSystemWithoutId(maxEpochsAhead: number) {
  const noIds = { freshId: () => '' } as unknown as TxContext;
  return newSystem(noIds, maxEpochsAhead);
}
