/**
 * The indexer CLI's options: parsed from argv (`node:util` parseArgs),
 * defaulted from the environment and the deployment file, and checked with
 * zod, so a mistake is reported as one readable message before anything
 * starts.
 */
import { parseArgs } from 'node:util';
import type { Deployment } from '@tusk/shared/deployment';
import type { DatabaseTarget } from '@tusk/shared/db/database';
import { DEFAULT_DATA_DIR } from '@tusk/shared/db/database';
import { z } from 'zod';
import { SourceConfig } from '../source/sourceConfig.ts';
import { LOG_LEVELS, type LogLevel } from './logger.ts';

export const HELP = `Usage: npm run indexer -- [options]

Indexes Tusk events from a Sui full node into PostgreSQL (or embedded PGlite).
Without an end checkpoint it backfills to the chain tip, then follows the chain.
Defaults come from the deployment file (TUSK_DEPLOYMENT, else .data/deployment.json).

Chain:
  --rpc-url <url>             full node gRPC-web URL (default: the deployment's rpcUrl)
  --package <id>              original tusk package ID; event types keep it across upgrades
                              (default: the deployment's tuskOriginal)
  --upgraded-package <id>     an upgraded tusk package ID (repeatable; default: the deployment's tuskCurrent)
  --start-checkpoint <n>      first checkpoint when nothing is indexed yet (default: the deployment's, else 0)
  --end-checkpoint <n>        stop after this checkpoint (default: follow the chain forever)
  --concurrency <n>           backfill requests in flight (default: 4 ranges, or 32 single checkpoints)
  --backfill-method <m>       auto | list | get: ListCheckpoints ranges or GetCheckpoint each (default: auto)
  --list-chunk <n>            checkpoints per ListCheckpoints request (default: 500)
  --format <f>                binary | text gRPC-web wire format (default: binary)

Database:
  --database-url <url>        PostgreSQL server (default: DATABASE_URL)
  --data-dir <dir>            PGlite data directory when no PostgreSQL URL is set
                              (default: TUSK_DATA_DIR, else ${DEFAULT_DATA_DIR}; "memory" keeps it in memory)
  --batch-checkpoints <n>     close a commit batch after this many checkpoints (default: 2000)
  --batch-rows <n>            close a commit batch once a pipeline has this many rows (default: 20000)

Operations:
  --metrics-port <n>          port of /metrics and /health (default: 9184; 0 picks a free one; "off" disables)
  --metrics-host <host>       interface to bind them to (default: 127.0.0.1)
  --max-lag <n>               /health reports unhealthy beyond this many checkpoints behind (default: 100)
  --log-level <level>         ${LOG_LEVELS.join(' | ')} (default: info)
  --progress-interval <ms>    progress log interval when stderr is not a terminal (default: 10000)
  -h, --help                  show this help

Logs are JSON lines on stdout; progress goes to stderr on a terminal.
SIGTERM or SIGINT commits what was read and exits 0.
`;

export class UsageError extends Error {}

const nonNegativeInt = (flag: string) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} must be a non-negative integer`)
    .transform((v) => Number(v));

const Options = z.object({
  rpcUrl: z.string({ error: '--rpc-url is required (or a deployment file with rpcUrl)' }),
  packages: z.array(z.string()).min(1, '--package is required (or a deployment file)'),
  upgradedPackages: z.array(z.string()),
  startCheckpoint: z.union([z.string(), z.bigint()]).optional(),
  endCheckpoint: z.string().optional(),
  concurrency: nonNegativeInt('--concurrency').optional(),
  backfillMethod: z.enum(['auto', 'list', 'get'], { error: '--backfill-method must be auto, list or get' }).optional(),
  listChunk: nonNegativeInt('--list-chunk').optional(),
  format: z.enum(['binary', 'text'], { error: '--format must be binary or text' }).optional(),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '--database-url must start with postgres:// or postgresql://')
    .optional(),
  dataDir: z.string().min(1),
  batchCheckpoints: nonNegativeInt('--batch-checkpoints').optional(),
  batchRows: nonNegativeInt('--batch-rows').optional(),
  metricsPort: z
    .string()
    .refine(
      (v) => v === 'off' || (/^\d+$/.test(v) && Number(v) <= 65535),
      '--metrics-port must be a port number or "off"',
    )
    .transform((v) => (v === 'off' ? undefined : Number(v))),
  metricsHost: z.string().min(1),
  maxLag: z
    .string()
    .regex(/^\d+$/, '--max-lag must be a non-negative integer')
    .transform((v) => BigInt(v)),
  logLevel: z.enum(LOG_LEVELS, { error: `--log-level must be one of ${LOG_LEVELS.join(', ')}` }),
  progressIntervalMs: nonNegativeInt('--progress-interval'),
});

export interface IndexerCliConfig {
  source: SourceConfig;
  /** Original package IDs (what event types carry), for the decoder. */
  originalPackageIds: string[];
  /** Upgraded versions of the package (`--upgraded-package`). */
  upgradedPackageIds: string[];
  database: DatabaseTarget;
  batch: { maxCheckpoints?: number; maxRows?: number };
  /** undefined: no ops server. */
  metrics: { port: number; host: string } | undefined;
  maxLag: bigint;
  logLevel: LogLevel;
  progressIntervalMs: number;
}

export type ParsedCli = { help: true } | { help: false; config: IndexerCliConfig };

/** Parses `argv` (without node and script); throws UsageError with every problem found. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv, deployment: Deployment | undefined): ParsedCli {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'rpc-url': { type: 'string' },
        package: { type: 'string' },
        'upgraded-package': { type: 'string', multiple: true },
        'start-checkpoint': { type: 'string' },
        'end-checkpoint': { type: 'string' },
        concurrency: { type: 'string' },
        'backfill-method': { type: 'string' },
        'list-chunk': { type: 'string' },
        format: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        'batch-checkpoints': { type: 'string' },
        'batch-rows': { type: 'string' },
        'metrics-port': { type: 'string' },
        'metrics-host': { type: 'string' },
        'max-lag': { type: 'string' },
        'log-level': { type: 'string' },
        'progress-interval': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun with --help for the options.`);
  }
  if (values.help) return { help: true };

  const upgraded =
    values['upgraded-package'] ??
    (deployment && deployment.packages.tuskCurrent !== deployment.packages.tuskOriginal
      ? [deployment.packages.tuskCurrent]
      : []);
  const parsed = Options.safeParse({
    rpcUrl: values['rpc-url'] ?? deployment?.rpcUrl,
    packages: [values.package ?? deployment?.packages.tuskOriginal].filter((p): p is string => p !== undefined),
    upgradedPackages: upgraded,
    startCheckpoint: values['start-checkpoint'] ?? deployment?.startCheckpoint,
    endCheckpoint: values['end-checkpoint'],
    concurrency: values.concurrency,
    backfillMethod: values['backfill-method'],
    listChunk: values['list-chunk'],
    format: values.format,
    databaseUrl: values['database-url'] ?? (env.DATABASE_URL?.trim() || undefined),
    dataDir: values['data-dir'] ?? (env.TUSK_DATA_DIR?.trim() || DEFAULT_DATA_DIR),
    batchCheckpoints: values['batch-checkpoints'],
    batchRows: values['batch-rows'],
    metricsPort: values['metrics-port'] ?? '9184',
    metricsHost: values['metrics-host'] ?? '127.0.0.1',
    maxLag: values['max-lag'] ?? '100',
    logLevel: values['log-level'] ?? 'info',
    progressIntervalMs: values['progress-interval'] ?? '10000',
  });
  if (!parsed.success) throw new UsageError(problems(parsed.error));
  const o = parsed.data;

  const source = SourceConfig.safeParse({
    url: o.rpcUrl,
    packageIds: [...o.packages, ...o.upgradedPackages],
    startCheckpoint: o.startCheckpoint,
    endCheckpoint: o.endCheckpoint,
    concurrency: o.concurrency,
    backfillMethod: o.backfillMethod,
    listChunkSize: o.listChunk,
    format: o.format,
    network: deployment?.network,
  });
  if (!source.success) throw new UsageError(problems(source.error));

  return {
    help: false,
    config: {
      source: source.data,
      originalPackageIds: source.data.packageIds.slice(0, o.packages.length),
      upgradedPackageIds: source.data.packageIds.slice(o.packages.length),
      database: o.databaseUrl
        ? { kind: 'postgres', url: o.databaseUrl }
        : { kind: 'pglite', dataDir: o.dataDir === 'memory' ? undefined : o.dataDir },
      batch: { maxCheckpoints: o.batchCheckpoints, maxRows: o.batchRows },
      metrics: o.metricsPort === undefined ? undefined : { port: o.metricsPort, host: o.metricsHost },
      maxLag: o.maxLag,
      logLevel: o.logLevel,
      progressIntervalMs: o.progressIntervalMs,
    },
  };
}

function problems(error: z.ZodError): string {
  const flags: Record<string, string> = {
    url: '--rpc-url',
    packageIds: '--package',
    startCheckpoint: '--start-checkpoint',
    endCheckpoint: '--end-checkpoint',
  };
  return (
    error.issues
      .map((issue) => {
        const key = String(issue.path[0] ?? '');
        return flags[key] && !issue.message.includes('--') ? `${flags[key]}: ${issue.message}` : issue.message;
      })
      .join('\n') + '\nRun with --help for the options.'
  );
}
