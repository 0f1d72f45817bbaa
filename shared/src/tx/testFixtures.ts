/**
 * Fixed inputs for building Tusk transactions offline in tests: a deployment
 * with known IDs and shared versions, a sender, and object references that
 * never touch a network.
 */
import type { Transaction } from '@mysten/sui/transactions';
import { parseDeployment, type Deployment } from '../deployment.ts';
import type { WalCoin } from './inputs.ts';

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
type Command = Data['commands'][number];

/** `package::module::function` of every MoveCall, in order. */
export function moveCallTargets(tx: Transaction): string[] {
  return tx
    .getData()
    .commands.filter((command): command is Extract<Command, { $kind: 'MoveCall' }> => command.$kind === 'MoveCall')
    .map((command) => `${command.MoveCall.package}::${command.MoveCall.module}::${command.MoveCall.function}`);
}

/** Each command's kind, e.g. ['MergeCoins', 'SplitCoins', 'MoveCall', 'TransferObjects']. */
export function commandKinds(tx: Transaction): string[] {
  return tx.getData().commands.map((command) => command.$kind);
}

/**
 * The kinds of a MoveCall's arguments: 'shared(mut)', 'shared', 'owned',
 * 'pure', 'unresolved', or 'result' for outputs of earlier commands.
 */
export function moveCallArgumentKinds(tx: Transaction, index = 0): string[] {
  const data = tx.getData();
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
export function pureBytes(tx: Transaction, callIndex: number, argIndex: number): Uint8Array {
  const data = tx.getData();
  const calls = data.commands.filter((command) => command.$kind === 'MoveCall');
  const call = calls[callIndex];
  if (!call || call.$kind !== 'MoveCall') throw new Error(`no MoveCall #${callIndex}`);
  const argument = call.MoveCall.arguments[argIndex];
  if (!argument || argument.$kind !== 'Input') throw new Error('not an input');
  const input = data.inputs[argument.Input]!;
  if (input.$kind !== 'Pure') throw new Error('not pure');
  return Uint8Array.from(atob(input.Pure.bytes), (c) => c.charCodeAt(0));
}
