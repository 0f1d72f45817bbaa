// The publish steps against a scripted chain: what each transaction carries,
// what is recorded, the deployment written, and resuming after a failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from '@mysten/sui/transactions';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { parseDeployment } from '../../shared/src/deployment.ts';
// chain.ts normalizes the node's type spelling (0x2 -> 0x00..02); the scripted chain does the same.
import { normalizedType as normalizeTypeForTest, type Outcome } from '../../move/tools/publish/chain.ts';
import { runPublish, type PublishChain, type PublishPlan } from '../../move/tools/publish/deploy.ts';
import { readRecord, recordPathFor } from '../../move/tools/publish/record.ts';

const id = (n: number) => normalizeSuiAddress(`0x${n.toString(16)}`);
const SENDER = id(0x5e4d);
const WAL = id(0xa1);
const TUSK = id(0xb1);

const INIT_MOVE = `module tusk::init;
public fun initialize(cap: AdminCap, upgrade_cap: UpgradeCap, epoch_duration_ms: u64, n_shards: u16, clock: &Clock, ctx: &mut TxContext) {}
`;

/** A move/ folder whose tusk has an init.move (builds are injected, so nothing compiles). */
function moveRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'tusk-run-publish-'));
  mkdirSync(join(root, 'tusk', 'sources'), { recursive: true });
  writeFileSync(join(root, 'tusk', 'sources', 'init.move'), INIT_MOVE);
  return root;
}

/**
 * A chain that answers like Sui for our three transactions, spelling framework
 * types short (`0x2::...`) as nodes do. `failOn` makes one step fail.
 */
class ScriptedChain implements PublishChain {
  executed: { label: string; tx: ReturnType<Transaction['getData']> }[] = [];
  private checkpoint = 100;

  constructor(
    readonly chainId = 'c0ffee',
    private readonly failOn?: string,
  ) {}

  async execute(label: string, tx: Transaction): Promise<Outcome> {
    if (label === this.failOn) throw new Error(`${label} failed on chain: InsufficientGas`);
    const data = tx.getData();
    this.executed.push({ label, tx: data });
    this.checkpoint += 7;
    const created = (objectId: string, type: string, extra: object = {}) => ({
      objectId,
      type,
      created: true,
      ...extra,
    });
    const owned = { owner: SENDER };
    const shared = (v: number) => ({ initialSharedVersion: String(v) });
    const objects =
      label === 'wal publish'
        ? [
            created(WAL, 'package'),
            created(id(0xa2), '0x2::package::UpgradeCap', owned),
            created(id(0xa3), `${WAL}::wal::WalTreasury`, shared(3)),
            created(id(0xa4), `0x2::coin::Coin<${WAL}::wal::WAL>`, owned),
          ]
        : label === 'tusk publish'
          ? [
              created(TUSK, 'package'),
              created(id(0xb2), '0x2::package::UpgradeCap', owned),
              created(id(0xb3), `${TUSK}::init::AdminCap`, owned),
            ]
          : [
              created(id(0xc1), `${TUSK}::staking::Staking`, shared(9)),
              created(id(0xc2), `${TUSK}::governance::Governance`, shared(9)),
              created(id(0xc3), `${TUSK}::system::System`, shared(9)),
            ];
    return {
      digest: `D${this.executed.length}`,
      checkpoint: String(this.checkpoint),
      gasMist: 1_000_000n,
      objects: objects.map((object) => ({
        ...object,
        type: object.type === 'package' ? 'package' : normalizeTypeForTest(object.type),
      })),
    };
  }
}

function plan(chain: PublishChain, root: string, out: string, overrides: Partial<PublishPlan> = {}): PublishPlan {
  return {
    chain,
    sender: SENDER,
    network: 'localnet',
    out,
    rpcUrl: 'http://localhost:9000',
    params: { epoch_duration_ms: 60_000, n_shards: 10 },
    moveRoot: root,
    log: () => {},
    build: async (dir, publications) => ({
      package: dir.endsWith('wal') ? 'wal' : 'tusk',
      modules: ['AQID'],
      dependencies: [id(1), id(2), ...Object.values(publications).map((p) => p.publishedAt)],
      digest: new Uint8Array(32).fill(dir.endsWith('wal') ? 1 : 2),
      warnings: '',
    }),
    ...overrides,
  };
}

describe('runPublish', () => {
  it('publishes wal, then tusk linked to it, initializes, and writes the deployment in the shared schema', async () => {
    const root = moveRoot();
    const out = join(root, 'out', 'deployment.json');
    const chain = new ScriptedChain();
    const deployment = await runPublish(plan(chain, root, out));

    expect(chain.executed.map((step) => step.label)).toEqual(['wal publish', 'tusk publish', 'initialize']);
    // tusk is built and published against wal's address.
    const tuskPublish = chain.executed[1]!.tx.commands[0]!.Publish!;
    expect(tuskPublish.dependencies.map((d) => normalizeSuiAddress(d))).toContain(WAL);
    // initialize gets the AdminCap and UpgradeCap the publish created, then values by name.
    const call = chain.executed[2]!.tx.commands[0]!.MoveCall!;
    expect(`${normalizeSuiAddress(call.package)}::${call.module}::${call.function}`).toBe(`${TUSK}::init::initialize`);
    const inputs = chain.executed[2]!.tx.inputs;
    const objectIds = inputs.map((input) => input.UnresolvedObject?.objectId).filter(Boolean);
    expect(objectIds).toEqual([id(0xb3), id(0xb2)]);

    const written = parseDeployment(JSON.parse(readFileSync(out, 'utf8')));
    expect(written).toEqual(deployment);
    expect(written).toMatchObject({
      network: 'localnet',
      rpcUrl: 'http://localhost:9000',
      packages: { wal: WAL, tuskOriginal: TUSK, tuskCurrent: TUSK },
      objects: {
        staking: { objectId: id(0xc1), initialSharedVersion: '9' },
        governance: { objectId: id(0xc2), initialSharedVersion: '9' },
        system: { objectId: id(0xc3), initialSharedVersion: '9' },
        walTreasury: { objectId: id(0xa3), initialSharedVersion: '3' },
      },
      startCheckpoint: 114n, // the tusk publish's checkpoint
    });
    expect(readRecord(recordPathFor(out))).toMatchObject({
      chainId: 'c0ffee',
      publisher: SENDER,
      wal: { upgradeCap: id(0xa2), txDigest: 'D1' },
      tusk: { upgradeCap: id(0xb2), adminCap: id(0xb3), version: 1, digest: '02'.repeat(32) },
    });
  });

  it('resumes after a failed step without publishing anything twice', async () => {
    const root = moveRoot();
    const out = join(root, 'deployment.json');
    await expect(runPublish(plan(new ScriptedChain('c0ffee', 'initialize'), root, out))).rejects.toThrow(
      /initialize failed/,
    );
    expect(existsSync(out)).toBe(false);
    expect(readRecord(recordPathFor(out))).toMatchObject({ wal: { packageId: WAL }, tusk: { originalId: TUSK } });

    const retry = new ScriptedChain();
    await runPublish(plan(retry, root, out));
    expect(retry.executed.map((step) => step.label)).toEqual(['initialize']);
    expect(parseDeployment(JSON.parse(readFileSync(out, 'utf8'))).packages.wal).toBe(WAL);

    const again = new ScriptedChain();
    await runPublish(plan(again, root, out, { rpcUrl: 'http://example.org:9000' }));
    expect(again.executed).toEqual([]);
    expect(parseDeployment(JSON.parse(readFileSync(out, 'utf8'))).rpcUrl).toBe('http://example.org:9000');
  });

  it('refuses a record of another chain or another publisher unless told to start fresh', async () => {
    const root = moveRoot();
    const out = join(root, 'deployment.json');
    await runPublish(plan(new ScriptedChain(), root, out));
    await expect(runPublish(plan(new ScriptedChain('beef'), root, out))).rejects.toThrow(
      /is a publish on chain c0ffee, but the network is chain beef.*--fresh/,
    );
    await expect(runPublish(plan(new ScriptedChain(), root, out, { sender: id(0x999) }))).rejects.toThrow(
      /was started by .*, which holds its caps/,
    );
    const fresh = new ScriptedChain('beef');
    await runPublish(plan(fresh, root, out, { fresh: true }));
    expect(fresh.executed).toHaveLength(3);
    expect(readRecord(recordPathFor(out))?.chainId).toBe('beef');
  });

  it('stops before initializing when a parameter is missing, keeping what was published', async () => {
    const root = moveRoot();
    const out = join(root, 'deployment.json');
    const chain = new ScriptedChain();
    await expect(runPublish(plan(chain, root, out, { params: { epoch_duration_ms: 1 } }))).rejects.toThrow(
      /--params needs n_shards \(u16\)/,
    );
    expect(chain.executed.map((step) => step.label)).toEqual(['wal publish', 'tusk publish']);
  });
});
