/**
 * Where Tusk lives on a network: the full node URL, the package IDs and the
 * shared objects every transaction touches. One JSON file describes one
 * deployment (the devnet writes one; a real network gets one at publish), and
 * the indexer, the web app, the transaction builders and the tests all read it
 * through `parseDeployment` (files: `deploymentFile.ts`), so an ID is never
 * hard-coded anywhere else. This module has no Node imports: browsers use it too.
 *
 * Example:
 * ```json
 * {
 *   "network": "localnet",
 *   "chainId": "9yKbQ2h5D7nTfX3mWcRz4pLgE8uVjA6sHqN1oBtYkZr",
 *   "rpcUrl": "http://127.0.0.1:9000",
 *   "packages": { "wal": "0x…", "tuskOriginal": "0x…", "tuskCurrent": "0x…" },
 *   "objects": {
 *     "staking": { "objectId": "0x…", "initialSharedVersion": "3" },
 *     "governance": "0x…",
 *     "system": "0x…",
 *     "walTreasury": "0x…"
 *   },
 *   "startCheckpoint": "0"
 * }
 * ```
 */
import { normalizeSuiAddress, isValidSuiAddress } from '@mysten/sui/utils';
import { z } from 'zod';

/** A Sui object or package ID: `0x` and up to 64 hex digits, normalized to the full 64. */
export const objectIdSchema = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{1,64}$/, 'must be 0x followed by 1 to 64 hex digits')
  .transform((id) => normalizeSuiAddress(id))
  .refine((id) => isValidSuiAddress(id), 'is not a valid Sui object ID');

/** A non-negative integer written as a decimal string (or a safe JS number), as a bigint. */
const u64Schema = z
  .union([z.string().trim().regex(/^\d+$/, 'must be a whole number'), z.number().int().nonnegative()])
  .transform((value) => BigInt(value))
  .refine((value) => value < 2n ** 64n, 'must fit in a u64');

/**
 * A shared object: its ID, and (when known) the version at which it became
 * shared. With the version, transactions are built with no network lookup.
 */
const sharedObjectSchema = z
  .union([
    objectIdSchema.transform((objectId) => ({ objectId, initialSharedVersion: undefined as string | undefined })),
    z.object({
      objectId: objectIdSchema,
      initialSharedVersion: u64Schema.transform(String).optional(),
    }),
  ])
  .transform(({ objectId, initialSharedVersion }) => ({ objectId, initialSharedVersion }));

export type SharedObject = z.output<typeof sharedObjectSchema>;

export const deploymentSchema = z.object({
  /** A name for the network (`mainnet`, `testnet`, `localnet`, `devnet`, ...), shown to users. */
  network: z.string().trim().min(1, 'must not be empty').max(64),
  /**
   * The chain this deployment lives on: its genesis checkpoint digest (base58),
   * or that digest's first 4 bytes in hex as `sui:<id>` chain names use. When
   * set, the dashboard refuses to sign while the full node reports another chain.
   */
  chainId: z
    .string()
    .trim()
    .regex(/^([0-9a-fA-F]{8}|[1-9A-HJ-NP-Za-km-z]{32,44})$/, 'must be 8 hex digits or a base58 checkpoint digest')
    .optional(),
  /** The full node the wallet and the indexer talk to (gRPC-web over HTTP). */
  rpcUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  packages: z.object({
    /** The `wal` package: the coin type is `<wal>::wal::WAL`. */
    wal: objectIdSchema,
    /** The first published `tusk` package: event and object types keep this ID across upgrades. */
    tuskOriginal: objectIdSchema,
    /** The latest `tusk` package: calls go here (shared objects reject outdated packages). */
    tuskCurrent: objectIdSchema,
  }),
  objects: z.object({
    staking: sharedObjectSchema,
    governance: sharedObjectSchema,
    system: sharedObjectSchema,
    walTreasury: sharedObjectSchema,
  }),
  /** The first checkpoint that can hold Tusk events (the publish checkpoint). */
  startCheckpoint: u64Schema.default(0n),
});

/** A parsed, normalized deployment. */
export type Deployment = z.output<typeof deploymentSchema>;
/** A deployment as written in JSON (before normalization). */
export type DeploymentInput = z.input<typeof deploymentSchema>;

/** Fully qualified type names derived from a deployment. */
export function deploymentTypes(deployment: Deployment) {
  const tusk = deployment.packages.tuskOriginal;
  return {
    wal: `${deployment.packages.wal}::wal::WAL`,
    walCoin: `0x2::coin::Coin<${deployment.packages.wal}::wal::WAL>`,
    stakedWal: `${tusk}::staked_wal::StakedWal`,
    storageNodeCap: `${tusk}::storage_node::StorageNodeCap`,
    blob: `${tusk}::blob::Blob`,
    storage: `${tusk}::storage_resource::Storage`,
  };
}

/** Parses a deployment, or explains in one message every field that is wrong. */
export function parseDeployment(input: unknown, source = 'deployment'): Deployment {
  const result = deploymentSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`);
  throw new Error(`${source} is invalid: ${problems.join('; ')}`);
}

/** The deployment as plain JSON (bigints as decimal strings), e.g. to hand to a browser. */
export function serializeDeployment(deployment: Deployment): DeploymentInput {
  return { ...deployment, startCheckpoint: deployment.startCheckpoint.toString() };
}
