// The publish record: everything one publish learned (package IDs, caps,
// digests, transactions, checkpoints), saved after every step next to the
// deployment file. It lets an interrupted publish resume without publishing
// `wal` twice, and `--upgrade` find the `tusk` version and UpgradeCap.
// The deployment file (shared/src/deployment.ts) is derived from it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseDeployment, type Deployment } from '@tusk/shared/deployment';

const id = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be a normalized 0x + 64 hex ID');
const shared = z.object({ objectId: id, initialSharedVersion: z.string().regex(/^\d+$/) });
const step = { txDigest: z.string().min(1), checkpoint: z.string().regex(/^\d+$/).nullable() };

export const publishRecordSchema = z.object({
  network: z.string(),
  chainId: z.string(),
  rpcUrl: z.string(),
  publisher: id,
  wal: z.object({ packageId: id, upgradeCap: id, digest: z.string(), walTreasury: shared, ...step }).optional(),
  tusk: z
    .object({
      originalId: id,
      currentId: id,
      version: z.number().int().positive(),
      upgradeCap: id,
      adminCap: id,
      digest: z.string(),
      ...step,
    })
    .optional(),
  initialize: z.object({ staking: shared, governance: shared, system: shared, ...step }).optional(),
  upgrades: z
    .array(
      z.object({
        version: z.number().int(),
        packageId: id,
        digest: z.string(),
        proposalId: z.string().optional(),
        ...step,
      }),
    )
    .default([]),
});

export type PublishRecord = z.output<typeof publishRecordSchema>;

/** `.data/deployment.json` -> `.data/deployment.publish.json`. */
export function recordPathFor(deploymentPath: string): string {
  return deploymentPath.replace(/(\.json)?$/, '.publish.json');
}

export function readRecord(path: string): PublishRecord | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = publishRecordSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path} is not a publish record: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** Writes atomically (temp file + rename), so a crash never leaves half a file. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
}

/**
 * The deployment the indexer and web read, in the shared schema; throws if the
 * record is not complete yet. `rpcUrl` is what users' wallets and the indexer
 * should call (it may differ from the URL the publisher used, e.g. in Docker).
 */
export function deploymentFromRecord(record: PublishRecord, rpcUrl: string): Deployment {
  const { wal, tusk, initialize } = record;
  if (!wal || !tusk || !initialize) {
    throw new Error('the publish is not complete: wal, tusk and initialize must all have run');
  }
  const startCheckpoint = tusk.checkpoint ?? initialize.checkpoint;
  return parseDeployment(
    {
      network: record.network,
      rpcUrl,
      packages: { wal: wal.packageId, tuskOriginal: tusk.originalId, tuskCurrent: tusk.currentId },
      objects: {
        staking: initialize.staking,
        governance: initialize.governance,
        system: initialize.system,
        walTreasury: wal.walTreasury,
      },
      // The first checkpoint that can hold a tusk event: the one that published tusk.
      startCheckpoint: startCheckpoint ?? '0',
    },
    'the deployment built from the publish record',
  );
}
