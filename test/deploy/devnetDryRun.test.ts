// Done-when of the publish tool: `npm run publish:move -- --dry-run` against
// the devnet (Sui's wire protocol, served by devnet/node) produces publish
// transactions that @mysten/sui decodes back to our modules, with the
// framework and wal as dependencies. The devnet runs Tusk's calls, not Move
// bytecode, so it cannot simulate a Publish: the tool says so and still builds
// the bytes with the network's gas price.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bcs } from '@mysten/sui/bcs';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction } from '@mysten/sui/transactions';
import { fromBase64, normalizeSuiAddress } from '@mysten/sui/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVE_ROOT } from '../../move/tools/packages.ts';
import { buildPublishable } from '../../move/tools/publish/buildPublishable.ts';
import { comparePublish } from '../../move/tools/publish/publishTransaction.ts';
import { TuskCalls } from '../../devnet/sim/calls.ts';
import { Devnet } from '../../devnet/sim/devnet.ts';
import { labelAddress } from '../../devnet/sim/ids.ts';
import { startDevnetNode, type DevnetNode } from '../../devnet/node/devnetNode.ts';

const ROOT = resolve(MOVE_ROOT, '..');
const FRAMEWORK = [normalizeSuiAddress('0x1'), normalizeSuiAddress('0x2')];
const publisher = labelAddress('publisher');
let devnet: Devnet;
let node: DevnetNode;

beforeAll(async () => {
  devnet = new Devnet({ seed: 'publish-dry-run', genesisTimeMs: 1_700_000_000_000n });
  const calls = new TuskCalls(devnet);
  calls.expectSuccess = true;
  calls.sendSui(devnet.faucetAddress, [publisher], [10n * 1_000_000_000n]);
  devnet.seal();
  node = await startDevnetNode(devnet, { afterExecute: () => devnet.seal() });
});

afterAll(async () => {
  await node?.close();
});

describe('npm run publish:move -- --dry-run against the devnet', () => {
  it('produces publish transactions that decode back to our modules, depending on the framework and wal', async () => {
    const txOut = mkdtempSync(join(tmpdir(), 'tusk-devnet-dry-run-'));
    const { stdout } = await promisify(execFile)(
      'npm',
      [
        'run',
        '--silent',
        'publish:move',
        '--',
        '--dry-run',
        '--network',
        node.url,
        '--address',
        publisher,
        '--tx-out',
        txOut,
      ],
      { cwd: ROOT, env: { ...process.env, TUSK_DEPLOYMENT: join(txOut, 'unused.json') }, maxBuffer: 16 << 20 },
    );
    expect(stdout).toContain(`chain ${devnet.chainId}`);
    expect(stdout).toContain('dry run done: nothing was executed');

    const client = new SuiGrpcClient({ baseUrl: node.url, network: 'localnet' });
    const gasPrice = BigInt((await client.getReferenceGasPrice()).referenceGasPrice);
    const read = (name: string) => fromBase64(readFileSync(join(txOut, `${name}.tx`), 'utf8').trim());
    const walBytes = read('wal-publish');
    const tuskBytes = read('tusk-publish');

    // Decoded by @mysten/sui: one Publish each, sent by the publisher, at the devnet's gas price.
    for (const bytes of [walBytes, tuskBytes]) {
      const data = bcs.TransactionData.parse(bytes).V1!;
      expect(normalizeSuiAddress(data.sender)).toBe(publisher);
      expect(BigInt(data.gasData.price)).toBe(gasPrice);
      expect(
        Transaction.from(bytes)
          .getData()
          .commands.filter((command) => command.Publish),
      ).toHaveLength(1);
    }

    // wal pays with the publisher's SUI on the devnet; tusk (linking a wal that is not on chain) is built offline.
    expect(bcs.TransactionData.parse(walBytes).V1!.gasData.payment.length).toBeGreaterThan(0);

    // wal: exactly the modules the build produces, linked against the framework only.
    const wal = await buildPublishable(join(MOVE_ROOT, 'wal'), {
      network: 'devnet',
      publications: {},
      intent: 'publish',
    });
    expect(comparePublish(walBytes, wal)).toEqual([]);
    const walDeps =
      bcs.TransactionData.parse(walBytes).V1!.kind.ProgrammableTransaction!.commands[0]!.Publish!.dependencies;
    expect(walDeps.map((d) => normalizeSuiAddress(d)).sort()).toEqual(FRAMEWORK);

    // tusk: the framework plus wal (at the address wal would get), and the modules built against it.
    const tuskDeps = bcs.TransactionData.parse(
      tuskBytes,
    ).V1!.kind.ProgrammableTransaction!.commands[0]!.Publish!.dependencies.map((d) => normalizeSuiAddress(d));
    const walLink = tuskDeps.filter((d) => !FRAMEWORK.includes(d));
    expect(walLink).toHaveLength(1);
    expect(tuskDeps).toEqual(expect.arrayContaining(FRAMEWORK));
    const tusk = await buildPublishable(join(MOVE_ROOT, 'tusk'), {
      network: 'devnet',
      publications: { wal: { publishedAt: walLink[0]!, originalId: walLink[0]!, version: 1 } },
      intent: 'publish',
    });
    expect(comparePublish(tuskBytes, tusk)).toEqual([]);
  }, 240_000);
});
