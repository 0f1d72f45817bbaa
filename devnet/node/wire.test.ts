import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { deploymentTypes } from '@tusk/shared/deployment';
import { eventSchemas } from '@tusk/shared/events';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { buildRequestWithdraw, buildStake } from '@tusk/shared/tx/index';
import { StakedWalLayout } from '../sim/tusk/objects.ts';
import type { Devnet } from '../sim/devnet.ts';
import { testWorld } from '../sim/testWorld.ts';
import { devnetDeployment } from './deployment.ts';
import { startDevnetNode, type DevnetNode } from './devnetNode.ts';

const WAL = FROST_PER_WAL;
let devnet: Devnet;
let node: DevnetNode;
let client: SuiGrpcClient;
let nodeId: string;
const keypair = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(7));
const user = keypair.toSuiAddress();

beforeAll(async () => {
  const world = testWorld({ nodes: 1, seed: 'wire' });
  devnet = world.devnet;
  const calls = world.calls;
  nodeId = world.nodes[0]!.nodeId;
  calls.sendWal(devnet.faucetAddress, [user, user], [60n * WAL, 40n * WAL]);
  calls.sendSui(devnet.faucetAddress, [user], [5n * 1_000_000_000n]);
  calls.stake(world.nodes[0]!.operator, nodeId, 1_000n * WAL);
  world.nextEpoch();
  node = await startDevnetNode(devnet, { afterExecute: () => devnet.seal() });
  client = new SuiGrpcClient({ baseUrl: node.url, network: 'localnet' });
});

afterAll(async () => {
  await node?.close();
});

describe('devnet wire protocol with an unmodified SuiGrpcClient', () => {
  it('reports the WAL and SUI an address holds', async () => {
    const types = deploymentTypes(devnetDeployment(devnet, node.url));
    const { balance } = await client.core.getBalance({ owner: user, coinType: types.wal });
    expect(balance.balance).toBe(String(100n * WAL));
    const coins = await client.core.listCoins({ owner: user, coinType: types.wal });
    expect(coins.objects.map((c) => c.balance).sort()).toEqual([String(40n * WAL), String(60n * WAL)]);
    const sui = await client.core.getBalance({ owner: user });
    expect(sui.balance.balance).toBe('5000000000');
  });

  it('builds a stake with the shared builder (client-side resolution), signs, executes, and reads back the StakedWal and its event', async () => {
    const deployment = devnetDeployment(devnet, node.url, { withVersions: false });
    const types = deploymentTypes(deployment);
    const coins = await client.core.listCoins({ owner: user, coinType: types.wal });
    const { transaction: tx } = buildStake({
      deployment,
      sender: user,
      nodeId,
      amount: 70n * WAL,
      walCoins: coins.objects.map((c) => ({ ref: c.objectId, balance: BigInt(c.balance) })),
    });
    const result = await keypair.signAndExecuteTransaction({ transaction: tx, client });
    expect(result.$kind).toBe('Transaction');
    const done = await client.core.waitForTransaction({ result, include: { events: true, effects: true } });
    const events = done.Transaction!.events!;
    expect(events.map((e) => e.eventType)).toEqual([`${deployment.packages.tuskOriginal}::events::StakeDeposited`]);
    const deposited = eventSchemas.StakeDeposited.parse(events[0]!.bcs);
    expect(deposited).toMatchObject({ owner: user, amount: 70n * WAL, activation_epoch: 2 });

    const owned = await client.core.listOwnedObjects({
      owner: user,
      type: types.stakedWal,
      include: { content: true },
    });
    expect(owned.objects).toHaveLength(1);
    const staked = StakedWalLayout.parse(owned.objects[0]!.content!);
    expect(staked).toMatchObject({
      id: deposited.staked_wal_id,
      node_id: nodeId,
      principal: String(70n * WAL),
      activation_epoch: 2,
    });
    expect((await client.core.getBalance({ owner: user, coinType: types.wal })).balance.balance).toBe(
      String(30n * WAL),
    );
    const gas = await client.core.getBalance({ owner: user });
    expect(BigInt(gas.balance.balance)).toBeLessThan(5_000_000_000n);
  });

  it('returns the Move abort a failing call would raise, with module and constant', async () => {
    const deployment = devnetDeployment(devnet, node.url);
    const types = deploymentTypes(deployment);
    const [position] = (await client.core.listOwnedObjects({ owner: user, type: types.stakedWal })).objects;
    // The position is not active yet: requesting a withdrawal aborts (it can be withdrawn at once instead).
    const { transaction: tx } = buildRequestWithdraw({ deployment, sender: user, stakedWal: position!.objectId });
    await expect(tx.build({ client })).rejects.toThrow(/MoveAbort/);

    const { transaction: offline } = buildRequestWithdraw({
      deployment,
      sender: user,
      stakedWal: { objectId: position!.objectId, version: position!.version, digest: position!.digest },
    });
    const [gasCoin] = (await client.core.listCoins({ owner: user })).objects;
    offline.setGasPayment([{ objectId: gasCoin!.objectId, version: gasCoin!.version, digest: gasCoin!.digest }]);
    offline.setGasPrice(1000);
    offline.setGasBudget(10_000_000);
    const bytes = await offline.build();
    const { signature } = await keypair.signTransaction(bytes);
    const result = await client.core.executeTransaction({
      transaction: bytes,
      signatures: [signature],
      include: { effects: true },
    });
    expect(result.$kind).toBe('FailedTransaction');
    const error = result.FailedTransaction!.status.error!;
    expect(error.$kind).toBe('MoveAbort');
    expect(error.MoveAbort!.location!.module).toBe('staking');
    expect(error.MoveAbort!.cleverError?.constantName).toBe('ENotActive');
    expect(result.FailedTransaction!.effects!.bcs!.length).toBeGreaterThan(0);
  });

  it('refuses a transaction signed by someone other than its sender', async () => {
    const other = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(9));
    const tx = new Transaction();
    tx.setSender(user);
    tx.transferObjects([tx.gas], other.toSuiAddress());
    const bytes = await tx.build({ client });
    const { signature } = await other.signTransaction(bytes);
    await expect(client.core.executeTransaction({ transaction: bytes, signatures: [signature] })).rejects.toThrow(
      /signature/i,
    );
  });

  it('serves checkpoints with our events to the indexer’s read mask', async () => {
    const { response } = await client.ledgerService.getCheckpoint({
      checkpointId: { oneofKind: undefined },
      readMask: {
        paths: [
          'sequence_number',
          'summary.timestamp',
          'transactions.digest',
          'transactions.events.events.event_type',
          'transactions.events.events.contents',
        ],
      },
    });
    expect(response.checkpoint!.sequenceNumber).toBe(devnet.latestCheckpoint.sequenceNumber);
    const all = devnet.checkpoints.flatMap((c) => c.transactions.flatMap((t) => t.events.map((e) => e.name)));
    expect(all).toContain('PoolAdvanced');
    expect(all).toContain('StakeDeposited');
  });
});
