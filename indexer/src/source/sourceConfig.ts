/**
 * What a checkpoint source needs to know, checked at the boundary (CLI flags,
 * environment, tests): the full node's URL, our package IDs, where to start
 * and optionally stop, and how hard to pull.
 */
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import { z } from 'zod';

const checkpointNumber = z
  .union([z.bigint(), z.string().regex(/^\d+$/, 'a checkpoint number is a non-negative integer'), z.number().int()])
  .transform((v) => BigInt(v))
  .pipe(z.bigint().nonnegative());

const packageId = z
  .string()
  .refine((id) => /^(0x)?[0-9a-fA-F]{1,64}$/.test(id) && isValidSuiAddress(normalizeSuiAddress(id)), {
    error: (issue) => `"${String(issue.input)}" is not a Sui package ID (0x followed by up to 64 hex digits)`,
  })
  .transform((id) => normalizeSuiAddress(id));

export const SourceConfig = z
  .object({
    /** Base URL of a Sui full node's gRPC-web endpoint, e.g. `https://fullnode.mainnet.sui.io:443`. */
    url: z.url({ protocol: /^https?$/, error: 'the full node URL must be http:// or https://' }),
    /** Network name handed to `SuiGrpcClient` (it only matters for MVR name resolution). */
    network: z.string().min(1).default('custom'),
    /**
     * Our package IDs: the original one (event types keep it across upgrades)
     * and every upgraded version (types first defined in an upgrade carry that
     * version's ID). Events of other packages are dropped at the source.
     */
    packageIds: z.array(packageId).min(1, 'at least one package ID is needed to know which events are ours'),
    /** First checkpoint to index when nothing was indexed yet. */
    startCheckpoint: checkpointNumber.default(0n),
    /** Last checkpoint to index (inclusive); without it the source follows the chain forever. */
    endCheckpoint: checkpointNumber.optional(),
    /**
     * How backfill reads checkpoints: `list` streams ranges with
     * `ListCheckpoints` (one request per chunk: far cheaper per checkpoint),
     * `get` asks `GetCheckpoint` for each, `auto` lists when the node
     * supports it and gets otherwise.
     */
    backfillMethod: z.enum(['auto', 'list', 'get']).default('auto'),
    /**
     * Requests in flight at once during backfill (checkpoints are still
     * yielded in order); by default 4 ranges when listing, 32 checkpoints when getting.
     */
    concurrency: z.number().int().min(1).max(512).optional(),
    /** Checkpoints per `ListCheckpoints` request. */
    listChunkSize: z.number().int().min(1).max(100_000).default(500),
    /** gRPC-web wire format: binary is cheaper; text (base64) is what browsers' proxies always accept. */
    format: z.enum(['binary', 'text']).default('binary'),
    /** Per-call timeout in milliseconds. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** When the chain is more than this many checkpoints ahead, catch up by backfill before subscribing. */
    catchUpThreshold: z.number().int().positive().default(1_000),
  })
  .refine((c) => c.endCheckpoint === undefined || c.endCheckpoint >= c.startCheckpoint, {
    message: 'endCheckpoint must not be before startCheckpoint',
    path: ['endCheckpoint'],
  });

export type SourceConfig = z.output<typeof SourceConfig>;
export type SourceConfigInput = z.input<typeof SourceConfig>;
