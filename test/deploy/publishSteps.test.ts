// The publish tool's steps that need no compiler: keys, the initialize call
// read from Move source, the governance upgrade gate, and the records it writes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcs } from '@mysten/sui/bcs';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Secp256k1Keypair } from '@mysten/sui/keypairs/secp256k1';
import { decodeSuiPrivateKey } from '@mysten/sui/cryptography';
import { fromBase64 as fromB64, normalizeSuiAddress, toBase64 } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { MOVE_ROOT } from '../../move/tools/packages.ts';
import {
  initArguments,
  initializeTransaction,
  moveFunctionParameters,
  readInitArguments,
  readInitParams,
} from '../../move/tools/publish/initialize.ts';
import { resolveNetwork } from '../../move/tools/publish/network.ts';
import { deploymentFromRecord, publishRecordSchema, recordPathFor } from '../../move/tools/publish/record.ts';
import { loadKey } from '../../move/tools/publish/signer.ts';
import {
  GovernanceState,
  governanceUpgrades,
  migrateTransaction,
  passedUpgrades,
  readMigrateFunctions,
  readUpgradeFunctions,
  requireAuthorized,
  upgradeTransaction,
} from '../../move/tools/publish/upgrade.ts';
import { buildOffline } from '../../move/tools/publish/publishTransaction.ts';

const id = (n: number) => normalizeSuiAddress(`0x${n.toString(16)}`);
const tmp = () => mkdtempSync(join(tmpdir(), 'tusk-publish-'));

describe('--key', () => {
  it('reads a suiprivkey from a file', () => {
    const keypair = new Ed25519Keypair();
    const file = join(tmp(), 'key');
    writeFileSync(file, `${keypair.getSecretKey()}\n`);
    expect(loadKey(file).keypair.toSuiAddress()).toBe(keypair.toSuiAddress());
  });

  it('reads a key from the environment variable it names', () => {
    const keypair = new Secp256k1Keypair();
    const loaded = loadKey('TUSK_TEST_KEY', { env: { TUSK_TEST_KEY: keypair.getSecretKey() } });
    expect(loaded.keypair.toSuiAddress()).toBe(keypair.toSuiAddress());
    expect(loaded.source).toBe('environment variable TUSK_TEST_KEY');
  });

  it('picks one key of a sui.keystore by --address, and asks for it when there are several', () => {
    const [a, b] = [new Ed25519Keypair(), new Ed25519Keypair()];
    // A keystore entry is base64 of flag (0 = ed25519) || the raw 32-byte secret.
    const entry = (k: Ed25519Keypair) =>
      toBase64(Uint8Array.from([0, ...decodeSuiPrivateKey(k.getSecretKey()).secretKey]));
    const file = join(tmp(), 'sui.keystore');
    writeFileSync(file, JSON.stringify([entry(a), entry(b)]));
    expect(() => loadKey(file)).toThrow(/holds 2 keys: choose one with --address/);
    expect(loadKey(file, { address: b.toSuiAddress() }).keypair.toSuiAddress()).toBe(b.toSuiAddress());
  });

  it('says what --key must be when it is neither a file nor a set variable', () => {
    expect(() => loadKey('NO_SUCH_KEY_VAR', { env: {} })).toThrow(
      /neither a readable file nor a set environment variable/,
    );
  });
});

describe('--network', () => {
  it('knows the public networks and accepts a URL', () => {
    expect(resolveNetwork('localnet')).toMatchObject({ url: 'http://127.0.0.1:9000', faucet: 'http://127.0.0.1:9123' });
    expect(resolveNetwork('mainnet').faucet).toBeUndefined();
    expect(resolveNetwork('http://sui:9000/', { faucet: 'http://sui:9123' })).toEqual({
      name: 'custom',
      url: 'http://sui:9000',
      faucet: 'http://sui:9123',
    });
    expect(() => resolveNetwork('moonnet')).toThrow(/one of localnet, devnet, testnet, mainnet or an http\(s\) URL/);
  });
});

const INIT_SOURCE = `
/// Bootstrapping.
module tusk::init;
use sui::clock::Clock;
use sui::package::UpgradeCap;
use wal::wal::WalTreasury;
public struct AdminCap has key { id: UID }
// initialize(cap, ...) creates the shared objects.
public fun initialize(
    cap: AdminCap,
    upgrade_cap: UpgradeCap,
    treasury: &WalTreasury,
    epoch_duration_ms: u64, // a comment, with a comma
    n_shards: u16,
    committee: vector<u64>,
    clock: &Clock,
    ctx: &mut TxContext,
) { abort 0 }
`;

describe('initialize', () => {
  it('reads the parameters of init::initialize from Move source', () => {
    expect(moveFunctionParameters(INIT_SOURCE, 'initialize')).toEqual([
      { name: 'cap', type: 'AdminCap' },
      { name: 'upgrade_cap', type: 'UpgradeCap' },
      { name: 'treasury', type: '&WalTreasury' },
      { name: 'epoch_duration_ms', type: 'u64' },
      { name: 'n_shards', type: 'u16' },
      { name: 'committee', type: 'vector<u64>' },
      { name: 'clock', type: '&Clock' },
      { name: 'ctx', type: '&mut TxContext' },
    ]);
  });

  const objects = {
    tuskPackage: id(0x7),
    adminCap: id(0xa),
    upgradeCap: id(0xb),
    walTreasury: { objectId: id(0xc), initialSharedVersion: '5' },
  };
  const args = initArguments(moveFunctionParameters(INIT_SOURCE, 'initialize'));

  it('passes objects by type and values by name, in signature order', () => {
    const tx = initializeTransaction(
      args,
      { epoch_duration_ms: '86400000', n_shards: 1000, committee: [1, 2] },
      objects,
      id(0x5e),
    );
    const data = tx.getData();
    const call = data.commands[0]!.MoveCall!;
    expect(`${normalizeSuiAddress(call.package)}::${call.module}::${call.function}`).toBe(
      `${objects.tuskPackage}::init::initialize`,
    );
    expect(call.arguments).toHaveLength(7); // TxContext is implicit
    const input = (i: number) => data.inputs[(call.arguments[i] as { Input: number }).Input]!;
    expect(input(0).UnresolvedObject?.objectId).toBe(objects.adminCap);
    expect(input(1).UnresolvedObject?.objectId).toBe(objects.upgradeCap);
    expect(input(2).Object?.SharedObject).toMatchObject({ objectId: objects.walTreasury.objectId, mutable: false });
    expect(bcs.u64().parse(fromB64(input(3).Pure!.bytes))).toBe('86400000');
    expect(bcs.u16().parse(fromB64(input(4).Pure!.bytes))).toBe(1000);
    expect(bcs.vector(bcs.u64()).parse(fromB64(input(5).Pure!.bytes))).toEqual(['1', '2']);
    expect(
      normalizeSuiAddress(String(input(6).Object?.SharedObject?.objectId ?? input(6).UnresolvedObject?.objectId)),
    ).toBe(normalizeSuiAddress('0x6'));
  });

  it('lists every missing or malformed value in one error', () => {
    expect(() => initializeTransaction(args, { n_shards: 70000, committee: 'x', extra: 1 }, objects, id(1))).toThrow(
      /--params has extra, which initialize does not take; --params needs epoch_duration_ms \(u64\); n_shards must be a whole number that fits in u16 \(got 70000\); committee must be an array of u64 integers/,
    );
  });

  const tuskDir = join(MOVE_ROOT, 'tusk');
  it.skipIf(!existsSync(join(tuskDir, 'sources/init.move')))(
    'deploy/params/localnet.json supplies every parameter of the real init::initialize',
    () => {
      const real = readInitArguments(tuskDir);
      expect(real.map((arg) => arg.kind)).toEqual(expect.arrayContaining(['adminCap', 'upgradeCap']));
      const tx = initializeTransaction(
        real,
        readInitParams(join(MOVE_ROOT, '../deploy/params/localnet.json')),
        objects,
        id(1),
      );
      expect(tx.getData().commands).toHaveLength(1);
    },
  );

  it('refuses a parameter type it cannot supply', () => {
    expect(() => initArguments([{ name: 'pool', type: '&mut StakingPool' }])).toThrow(/cannot supply/);
  });
});

describe('upgrades need a governance-authorized digest', () => {
  const digest = Uint8Array.from({ length: 32 }, (_, i) => i);
  const created = [
    { proposal_id: id(1), kind: 1, payload: digest },
    { proposal_id: id(2), kind: 1, payload: new Uint8Array(32) },
    { proposal_id: id(3), kind: 0, payload: digest },
  ];

  it('counts only passed upgrade proposals', () => {
    const finalized = [
      { proposal_id: id(1), status: 1, epoch: 7 },
      { proposal_id: id(2), status: 3, epoch: 7 },
      { proposal_id: id(3), status: 1, epoch: 7 },
    ];
    expect(passedUpgrades(created, finalized)).toEqual([
      { proposalId: id(1), digest: Buffer.from(digest).toString('hex'), availableEpoch: 10 },
    ]);
  });

  it('refuses a build whose digest no passed proposal authorized', () => {
    const passed = passedUpgrades(created, [{ proposal_id: id(1), status: 1, epoch: 2 }]);
    expect(requireAuthorized(digest, passed).proposalId).toBe(id(1));
    expect(() => requireAuthorized(new Uint8Array(32).fill(9), passed)).toThrow(
      /refusing to upgrade: governance has not authorized digest 0909.*usable from epoch 5/,
    );
  });

  it('builds authorize -> Upgrade -> commit with the receipt passed on', async () => {
    const deployment = deploymentFromRecord(completeRecord(), 'http://127.0.0.1:9000');
    const functions = {
      authorize: [
        { name: 'governance', type: '&mut Governance' },
        { name: 'staking', type: '&Staking' },
        { name: 'proposal_id', type: 'ID' },
      ],
      commit: [
        { name: 'governance', type: '&mut Governance' },
        { name: 'receipt', type: 'UpgradeReceipt' },
      ],
    };
    const tx = upgradeTransaction(
      { modules: [toBase64(new Uint8Array([1, 2, 3]))], dependencies: [id(1), id(2)] },
      deployment,
      id(9),
      functions,
      id(0x5e),
    );
    const bytes = await buildOffline(tx, { price: 1000n, budget: 10_000_000n });
    const commands = bcs.TransactionData.parse(bytes).V1!.kind.ProgrammableTransaction!.commands;
    expect(commands.map((c) => c.$kind)).toEqual(['MoveCall', 'Upgrade', 'MoveCall']);
    expect(normalizeSuiAddress(commands[1]!.Upgrade!.package)).toBe(deployment.packages.tuskCurrent);
    expect(commands[1]!.Upgrade!.ticket).toEqual({ $kind: 'Result', Result: 0 });
    expect(commands[2]!.MoveCall!.arguments[1]).toEqual({ $kind: 'Result', Result: 1 });
  });
});

describe('governance state', () => {
  it('reads the authorized, unused digests and the current package from the Governance object', () => {
    const digest = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const content = GovernanceState.serialize({
      id: id(0x32),
      version: 1n,
      proposals: { id: id(0x40), size: 3n },
      upgrade_cap: { id: id(0x22), package: id(0x21), version: 1n, policy: 0 },
      authorized_upgrades: [{ key: id(0x41), value: { digest, available_epoch: 12 } }],
    }).toBytes();
    expect(governanceUpgrades(content)).toEqual({
      authorized: [{ proposalId: id(0x41), digest: Buffer.from(digest).toString('hex'), availableEpoch: 12 }],
      currentPackage: id(0x21),
      source: 'governance object',
    });
  });

  const tuskDir = join(MOVE_ROOT, 'tusk');
  it.skipIf(!existsSync(join(tuskDir, 'sources/governance.move')))(
    'finds authorize_upgrade, commit_upgrade and migrate in the real governance module',
    () => {
      const functions = readUpgradeFunctions(tuskDir);
      expect(functions.authorize.map((p) => p.type)).toContain('ID');
      expect(functions.commit.map((p) => p.type)).toContain('UpgradeReceipt');
      expect(readMigrateFunctions(tuskDir).map((m) => m.module)).toContain('governance');
    },
  );

  it('migrates through the new package, passing the shared objects by type', () => {
    const deployment = deploymentFromRecord(completeRecord(), 'http://127.0.0.1:9000');
    const tx = migrateTransaction(
      id(0x99),
      deployment,
      [
        {
          module: 'governance',
          parameters: [
            { name: 'self', type: '&mut Governance' },
            { name: 'staking', type: '&mut Staking' },
          ],
        },
        { module: 'system', parameters: [{ name: 'self', type: '&mut System' }] },
      ],
      id(0x5e),
    );
    const data = tx.getData();
    expect(
      data.commands.map(
        (c) => `${normalizeSuiAddress(c.MoveCall!.package)}::${c.MoveCall!.module}::${c.MoveCall!.function}`,
      ),
    ).toEqual([`${id(0x99)}::governance::migrate`, `${id(0x99)}::system::migrate`]);
    const shared = data.inputs.map((input) => input.Object?.SharedObject);
    expect(shared.map((object) => object?.objectId)).toEqual([id(0x32), id(0x31), id(0x33)]);
    expect(shared.every((object) => object?.mutable)).toBe(true);
  });
});

function completeRecord() {
  const shared = (n: number) => ({ objectId: id(n), initialSharedVersion: String(n) });
  return publishRecordSchema.parse({
    network: 'localnet',
    chainId: 'abc',
    rpcUrl: 'http://sui:9000',
    publisher: id(0x5e),
    wal: {
      packageId: id(0x11),
      upgradeCap: id(0x12),
      digest: 'aa',
      walTreasury: shared(0x13),
      txDigest: 'T1',
      checkpoint: '7',
    },
    tusk: {
      originalId: id(0x21),
      currentId: id(0x21),
      version: 1,
      upgradeCap: id(0x22),
      adminCap: id(0x23),
      digest: 'bb',
      txDigest: 'T2',
      checkpoint: '9',
    },
    initialize: {
      staking: shared(0x31),
      governance: shared(0x32),
      system: shared(0x33),
      txDigest: 'T3',
      checkpoint: '10',
    },
  });
}

describe('the deployment file', () => {
  it('is derived from a complete record in the shared schema, starting at the tusk publish checkpoint', () => {
    const deployment = deploymentFromRecord(completeRecord(), 'http://localhost:9000');
    expect(deployment).toMatchObject({
      network: 'localnet',
      rpcUrl: 'http://localhost:9000',
      packages: { wal: id(0x11), tuskOriginal: id(0x21), tuskCurrent: id(0x21) },
      objects: { staking: { objectId: id(0x31), initialSharedVersion: '49' }, walTreasury: { objectId: id(0x13) } },
      startCheckpoint: 9n,
    });
  });

  it('is not written before every step ran', () => {
    const { initialize: _, ...partial } = completeRecord();
    expect(() => deploymentFromRecord({ ...partial }, 'http://x')).toThrow(/not complete/);
  });

  it('keeps its record beside it', () => {
    expect(recordPathFor('/data/deployment.json')).toBe('/data/deployment.publish.json');
  });
});
