/**
 * Fixed inputs for building Tusk transactions offline in tests: a deployment
 * with known IDs and shared versions, a sender, object references that never
 * touch a network, and simulated effects built by code for the review tests.
 */
import type { Transaction } from '@mysten/sui/transactions';
import { normalizeStructTag } from '@mysten/sui/utils';
import { deploymentTypes, parseDeployment, type Deployment } from '../deployment.ts';
import { eventSchemas, eventType, type EventInput, type EventName } from '../events.ts';
import type { WalCoin } from './inputs.ts';
import { decodeTuskEvents, type ObjectChange, type SimulatedEffects } from './simulation.ts';

const id = (digit: string) => `0x${digit.repeat(64)}`;

export const TEST_SENDER = id('5');
export const TEST_NODE = id('6');
export const TEST_PROPOSAL = id('7');

export function testDeployment(overrides: Partial<Record<'withVersions', boolean>> = {}): Deployment {
  const shared = (digit: string, version: string) =>
    overrides.withVersions === false ? id(digit) : { objectId: id(digit), initialSharedVersion: version };
  return parseDeployment({
    network: 'localnet',
    rpcUrl: 'http://127.0.0.1:9000',
    packages: { wal: id('a'), tuskOriginal: id('b'), tuskCurrent: id('c') },
    objects: {
      staking: shared('1', '3'),
      governance: shared('2', '4'),
      system: shared('3', '5'),
      walTreasury: shared('4', '2'),
    },
    startCheckpoint: '0',
  });
}

/** A fake owned-object reference: `n` picks a distinct ID. */
export function fakeRef(n: number) {
  return {
    objectId: `0x${n.toString(16).padStart(64, '0')}`,
    version: String(100 + n),
    digest: '11111111111111111111111111111111',
  };
}

export function walCoins(...balances: bigint[]): WalCoin[] {
  return balances.map((balance, i) => ({ ref: fakeRef(0x100 + i), balance }));
}

type Data = ReturnType<Transaction['getData']>;

/** A builder's result or a bare transaction: the helpers below read either. */
export type Built = Transaction | { transaction: Transaction };

function dataOf(built: Built): Data {
  return ('transaction' in built ? built.transaction : built).getData();
}
type Command = Data['commands'][number];

/** `package::module::function` of every MoveCall, in order. */
export function moveCallTargets(tx: Built): string[] {
  return dataOf(tx)
    .commands.filter((command): command is Extract<Command, { $kind: 'MoveCall' }> => command.$kind === 'MoveCall')
    .map((command) => `${command.MoveCall.package}::${command.MoveCall.module}::${command.MoveCall.function}`);
}

/** Each command's kind, e.g. ['MergeCoins', 'SplitCoins', 'MoveCall', 'TransferObjects']. */
export function commandKinds(tx: Built): string[] {
  return dataOf(tx).commands.map((command) => command.$kind);
}

/**
 * The kinds of a MoveCall's arguments: 'shared(mut)', 'shared', 'owned',
 * 'pure', 'unresolved', or 'result' for outputs of earlier commands.
 */
export function moveCallArgumentKinds(tx: Built, index = 0): string[] {
  const data = dataOf(tx);
  const calls = data.commands.filter((command) => command.$kind === 'MoveCall');
  const call = calls[index];
  if (!call || call.$kind !== 'MoveCall') throw new Error(`no MoveCall #${index}`);
  return call.MoveCall.arguments.map((argument) => {
    if (argument.$kind === 'Input') {
      const input = data.inputs[argument.Input]!;
      if (input.$kind === 'Pure') return 'pure';
      if (input.$kind === 'UnresolvedObject') return 'unresolved';
      if (input.$kind === 'UnresolvedPure') return 'pure';
      if (input.$kind === 'Object') {
        if (input.Object.$kind === 'SharedObject') return input.Object.SharedObject.mutable ? 'shared(mut)' : 'shared';
        return 'owned';
      }
      return input.$kind;
    }
    return 'result';
  });
}

/** The bytes of the pure input a MoveCall argument refers to. */
export function pureBytes(tx: Built, callIndex: number, argIndex: number): Uint8Array {
  const data = dataOf(tx);
  const calls = data.commands.filter((command) => command.$kind === 'MoveCall');
  const call = calls[callIndex];
  if (!call || call.$kind !== 'MoveCall') throw new Error(`no MoveCall #${callIndex}`);
  const argument = call.MoveCall.arguments[argIndex];
  if (!argument || argument.$kind !== 'Input') throw new Error('not an input');
  const input = data.inputs[argument.Input]!;
  if (input.$kind !== 'Pure') throw new Error('not pure');
  return Uint8Array.from(atob(input.Pure.bytes), (c) => c.charCodeAt(0));
}

/** A Tusk event as a simulation would emit it: the event type under the test deployment and its BCS bytes. */
export function simulatedEvent<N extends EventName>(
  name: N,
  data: EventInput<N>,
): { eventType: string; bcs: Uint8Array } {
  return {
    eventType: eventType(testDeployment().packages.tuskOriginal, name),
    bcs: eventSchemas[name].serialize(data as never).toBytes(),
  };
}

/** The WAL coin type of the test deployment. */
export const TEST_WAL_TYPE = deploymentTypes(testDeployment()).wal;

/**
 * Effects of a simulation of the sender's transaction, built by code: the
 * events (decoded as the review reads them), the sender's WAL and SUI changes,
 * objects, and gas (defaults: 1,000,000 computation, 2,000,000 storage,
 * 978,120 rebate; the SUI change defaults to minus that fee).
 */
export function simulatedEffects(
  parts: {
    events?: { eventType: string; bcs: Uint8Array }[];
    wal?: bigint;
    sui?: bigint;
    objects?: ObjectChange[];
    gas?: SimulatedEffects['gas'];
    sender?: string;
  } = {},
): SimulatedEffects {
  const gas = parts.gas ?? { computationCost: 1_000_000n, storageCost: 2_000_000n, storageRebate: 978_120n };
  const sender = parts.sender ?? TEST_SENDER;
  const balanceChanges: SimulatedEffects['balanceChanges'] = [
    {
      address: sender,
      coinType: normalizeStructTag('0x2::sui::SUI'),
      amount: parts.sui ?? -(gas.computationCost + gas.storageCost - gas.storageRebate),
    },
  ];
  if (parts.wal !== undefined && parts.wal !== 0n)
    balanceChanges.push({ address: sender, coinType: normalizeStructTag(TEST_WAL_TYPE), amount: parts.wal });
  const { events, unreadable } = decodeTuskEvents(parts.events ?? [], testDeployment());
  return { gas, balanceChanges, objects: parts.objects ?? [], events, unreadableEvents: unreadable };
}
