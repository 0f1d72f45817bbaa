// The publish tool without a network: what it builds and the transactions it
// would send, decoded back with @mysten/sui's own parsers.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bcs } from '@mysten/sui/bcs';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { fromBase64, normalizeSuiAddress, toBase64 } from '@mysten/sui/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOVE_ROOT } from '../../move/tools/packages.ts';
import { buildPublishable, type PublishableBuild } from '../../move/tools/publish/buildPublishable.ts';
import {
  buildOffline,
  comparePublish,
  decodePublish,
  publishTransaction,
} from '../../move/tools/publish/publishTransaction.ts';

const WAL_ID = normalizeSuiAddress('0xa11ce');
const SENDER = normalizeSuiAddress('0xb0b');
const FRAMEWORK = [normalizeSuiAddress('0x1'), normalizeSuiAddress('0x2')];
const GAS = { price: 1000n, budget: 500_000_000n };
const walPublication = { wal: { publishedAt: WAL_ID, originalId: WAL_ID, version: 1 } };

describe('publish transactions', () => {
  let wal: PublishableBuild;
  let tusk: PublishableBuild;

  beforeAll(async () => {
    wal = await buildPublishable(join(MOVE_ROOT, 'wal'), { network: 'localnet', publications: {}, intent: 'publish' });
    tusk = await buildPublishable(join(MOVE_ROOT, 'tusk'), {
      network: 'localnet',
      publications: walPublication,
      intent: 'publish',
    });
  }, 120_000);

  it('wal depends on the framework only', () => {
    expect(wal.dependencies.map((id) => normalizeSuiAddress(id)).sort()).toEqual(FRAMEWORK);
    expect(wal.digest).toHaveLength(32);
  });

  it("tusk's publish transaction decodes back to its modules, with the framework and wal as dependencies", async () => {
    const bytes = await buildOffline(publishTransaction(tusk, SENDER), GAS);

    // Raw BCS, as a node would read it.
    const data = bcs.TransactionData.parse(bytes).V1!;
    expect(normalizeSuiAddress(data.sender)).toBe(SENDER);
    const commands = data.kind.ProgrammableTransaction!.commands;
    const publish = commands.find((command) => command.Publish)!.Publish!;
    expect(publish.modules.map((module) => toBase64(fromBase64(module)))).toEqual(tusk.modules);
    expect(publish.dependencies.map((id) => normalizeSuiAddress(id)).sort()).toEqual([...FRAMEWORK, WAL_ID].sort());
    // The UpgradeCap the publish returns goes to the sender.
    expect(commands.map((command) => command.$kind)).toEqual(['Publish', 'TransferObjects']);

    // The SDK's Transaction view of the same bytes.
    const fromSdk = Transaction.from(bytes).getData();
    expect(fromSdk.commands[0]!.Publish!.modules).toEqual(tusk.modules);

    // And the tool's own decoder agrees with the build.
    expect(comparePublish(bytes, tusk)).toEqual([]);
    expect(decodePublish(bytes).gasBudget).toBe(GAS.budget);
  });

  it('reports a transaction whose modules differ from the build', async () => {
    const bytes = await buildOffline(publishTransaction(wal, SENDER), GAS);
    expect(comparePublish(bytes, tusk)).not.toEqual([]);
  });

  it('refuses to build tusk while wal has no on-chain address', async () => {
    await expect(
      buildPublishable(join(MOVE_ROOT, 'tusk'), { network: 'localnet', publications: {}, intent: 'publish' }),
    ).rejects.toThrow(/depends on wal, which is not published on localnet yet/);
  });

  it('the digest does not depend on the network name, only on the code and its dependencies', async () => {
    const onTestnet = await buildPublishable(join(MOVE_ROOT, 'tusk'), {
      network: 'testnet',
      publications: walPublication,
      intent: 'publish',
    });
    expect(onTestnet.digest).toEqual(tusk.digest);
    const otherWal = normalizeSuiAddress('0xbeef');
    const elsewhere = await buildPublishable(join(MOVE_ROOT, 'tusk'), {
      network: 'localnet',
      publications: { wal: { publishedAt: otherWal, originalId: otherWal, version: 1 } },
      intent: 'publish',
    });
    expect(elsewhere.digest).not.toEqual(tusk.digest);
  });

  it('an upgrade build of unchanged source has the digest of the publish build', async () => {
    const tuskId = normalizeSuiAddress('0x705c');
    const upgrade = await buildPublishable(join(MOVE_ROOT, 'tusk'), {
      network: 'localnet',
      publications: { ...walPublication, tusk: { publishedAt: tuskId, originalId: tuskId, version: 1 } },
      intent: 'upgrade',
    });
    expect(upgrade.digest).toEqual(tusk.digest);
  });
});

describe('linking a local dependency at its published address', () => {
  it("a package using wal's coin type references wal's on-chain address in its bytecode", async () => {
    // A throwaway package beside a copy of wal, so the test does not depend on what tusk uses yet.
    const root = mkdtempSync(join(tmpdir(), 'tusk-link-'));
    cpSync(join(MOVE_ROOT, 'wal'), join(root, 'wal'), { recursive: true });
    mkdirSync(join(root, 'user', 'sources'), { recursive: true });
    writeFileSync(
      join(root, 'user', 'Move.toml'),
      '[package]\nname = "user"\nedition = "2024"\n\n[dependencies]\nwal = { local = "../wal" }\n\n[addresses]\nuser = "0x0"\n',
    );
    writeFileSync(
      join(root, 'user', 'sources', 'user.move'),
      'module user::user;\nuse sui::coin::Coin;\nuse wal::wal::WAL;\npublic fun value(coin: &Coin<WAL>): u64 { coin.value() }\n',
    );
    const linked = await buildPublishable(join(root, 'user'), {
      network: 'localnet',
      publications: walPublication,
      intent: 'publish',
    });
    const module = Buffer.from(linked.modules[0]!, 'base64');
    expect(module.includes(Buffer.from(WAL_ID.slice(2), 'hex'))).toBe(true);
    expect(linked.dependencies.map((id) => normalizeSuiAddress(id))).toContain(WAL_ID);
  }, 120_000);
});

describe('the signed form', () => {
  it('a signature over the offline bytes verifies for the sender', async () => {
    const keypair = new Ed25519Keypair();
    const wal = await buildPublishable(join(MOVE_ROOT, 'wal'), {
      network: 'localnet',
      publications: {},
      intent: 'publish',
    });
    const bytes = await buildOffline(publishTransaction(wal, keypair.toSuiAddress()), GAS);
    const { signature } = await keypair.signTransaction(bytes);
    expect(await keypair.getPublicKey().verifyTransaction(bytes, signature)).toBe(true);
    expect(decodePublish(bytes).sender).toBe(keypair.toSuiAddress());
  });
});

describe('npm run publish:move -- --dry-run --offline', () => {
  it('writes wal and tusk publish transactions that decode back to what the build produces', async () => {
    const txOut = mkdtempSync(join(tmpdir(), 'tusk-dry-run-'));
    const root = resolve(MOVE_ROOT, '..');
    const { stdout } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      ['move/tools/publish.ts', '--dry-run', '--offline', '--address', SENDER, '--tx-out', txOut],
      { cwd: root, env: { ...process.env, TUSK_DEPLOYMENT: join(txOut, 'unused.json') } },
    );
    expect(stdout).toContain('dry run done: nothing was executed');

    const walBytes = fromBase64(readFileSync(join(txOut, 'wal-publish.tx'), 'utf8').trim());
    const tuskBytes = fromBase64(readFileSync(join(txOut, 'tusk-publish.tx'), 'utf8').trim());
    const wal = await buildPublishable(join(MOVE_ROOT, 'wal'), {
      network: 'localnet',
      publications: {},
      intent: 'publish',
    });
    expect(comparePublish(walBytes, wal)).toEqual([]);

    const decoded = decodePublish(tuskBytes);
    expect(decoded.sender).toBe(SENDER);
    const [walLink] = decoded.dependencies.filter((id) => !FRAMEWORK.includes(id));
    expect(walLink).toBeDefined();
    const tusk = await buildPublishable(join(MOVE_ROOT, 'tusk'), {
      network: 'localnet',
      publications: { wal: { publishedAt: walLink!, originalId: walLink!, version: 1 } },
      intent: 'publish',
    });
    expect(comparePublish(tuskBytes, tusk)).toEqual([]);
  }, 180_000);
});
