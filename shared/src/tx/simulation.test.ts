import { normalizeSuiAddress } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { deploymentTypes } from '../deployment.ts';
import { simulatedEffectsOf, type SIMULATION_INCLUDE } from './simulation.ts';
import type { SuiClientTypes } from '@mysten/sui/client';
import { fakeRef, simulatedEvent, TEST_NODE, TEST_SENDER, testDeployment } from './testFixtures.ts';

const deployment = testDeployment();
const OTHER = `0x${'8'.repeat(64)}`;
/** The sender as the node writes it (64 lowercase hex digits); the wallet may give it short and in capitals. */
const SENDER = normalizeSuiAddress('0xab');

type Changed = SuiClientTypes.ChangedObject;
const owner = (address: string): SuiClientTypes.ObjectOwner => ({ $kind: 'AddressOwner', AddressOwner: address });
const change = (objectId: string, over: Partial<Changed>): Changed => ({
  objectId,
  inputState: 'Exists',
  inputVersion: '1',
  inputDigest: null,
  inputOwner: owner(SENDER),
  outputState: 'ObjectWrite',
  outputVersion: '2',
  outputDigest: null,
  outputOwner: owner(SENDER),
  idOperation: 'None',
  ...over,
});

/** A simulateTransaction result as @mysten/sui returns it, with short-form addresses where a node may send them. */
function result(changes: Changed[]): SuiClientTypes.Transaction<typeof SIMULATION_INCLUDE> {
  const types: Record<string, string> = {};
  for (const c of changes) types[c.objectId] = `${deployment.packages.tuskOriginal}::staked_wal::StakedWal`;
  return {
    digest: 'x',
    signatures: [],
    epoch: null,
    timestampMs: null,
    checkpoint: null,
    status: { success: true, error: null },
    transaction: undefined,
    bcs: undefined,
    effects: {
      bcs: null,
      version: 2,
      status: { success: true, error: null },
      gasUsed: { computationCost: '1000', storageCost: '2000', storageRebate: '500', nonRefundableStorageFee: '0' },
      transactionDigest: 'x',
      gasObject: null,
      eventsDigest: null,
      dependencies: [],
      lamportVersion: null,
      changedObjects: changes,
      unchangedConsensusObjects: [],
      auxiliaryDataDigest: null,
    },
    balanceChanges: [
      { address: SENDER, coinType: '0x2::sui::SUI', amount: '-2500' },
      { address: SENDER, coinType: deploymentTypes(deployment).wal, amount: '-7' },
    ],
    objectTypes: types,
    events: [
      {
        ...simulatedEvent('CommissionCollected', { epoch: 1, node_id: TEST_NODE, amount: 5n, receiver: TEST_SENDER }),
        packageId: deployment.packages.tuskOriginal,
        module: 'events',
        sender: TEST_SENDER,
        json: null,
      },
      {
        eventType: '0x2::coin::CoinEvent',
        bcs: new Uint8Array(),
        packageId: '0x2',
        module: 'coin',
        sender: TEST_SENDER,
        json: null,
      },
      {
        eventType: `${deployment.packages.tuskOriginal}::events::FutureEvent`,
        bcs: new Uint8Array([1]),
        packageId: deployment.packages.tuskOriginal,
        module: 'events',
        sender: TEST_SENDER,
        json: null,
      },
    ],
  } as SuiClientTypes.Transaction<typeof SIMULATION_INCLUDE>;
}

describe('simulatedEffectsOf', () => {
  it('sorts changed objects into created, deleted, wrapped and given away, with their types', () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map((n) => fakeRef(n).objectId);
    const effects = simulatedEffectsOf(
      result([
        change(a!, { idOperation: 'Created', inputState: 'DoesNotExist', inputOwner: null }),
        change(b!, { idOperation: 'Deleted', outputState: 'DoesNotExist', outputOwner: null }),
        change(c!, { outputState: 'DoesNotExist', outputOwner: null }),
        change(d!, { outputOwner: owner(OTHER) }),
        change(e!, {}),
      ]),
      // A sender in short form and capitals still matches its objects and balance changes.
      '0xAB',
      deployment,
    );
    const stakedWal = deploymentTypes(deployment).stakedWal;
    expect(effects.objects).toEqual([
      { objectId: a, type: stakedWal, fate: 'created' },
      { objectId: b, type: stakedWal, fate: 'deleted' },
      { objectId: c, type: stakedWal, fate: 'wrapped' },
      { objectId: d, type: stakedWal, fate: 'transferred', newOwner: OTHER },
    ]);
    expect(effects.gas).toEqual({ computationCost: 1000n, storageCost: 2000n, storageRebate: 500n });
    expect(effects.balanceChanges.map((c) => [c.address, c.coinType, c.amount])).toEqual([
      [SENDER, normalizeSuiAddress('0x2') + '::sui::SUI', -2500n],
      [SENDER, deploymentTypes(deployment).wal, -7n],
    ]);
  });

  it('decodes Tusk events, skips other packages, and names Tusk events it cannot read', () => {
    const effects = simulatedEffectsOf(result([]), TEST_SENDER, deployment);
    expect(effects.events).toEqual([
      { name: 'CommissionCollected', data: { epoch: 1, node_id: TEST_NODE, amount: 5n, receiver: TEST_SENDER } },
    ]);
    expect(effects.unreadableEvents).toEqual(['FutureEvent']);
  });
});
