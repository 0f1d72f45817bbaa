/**
 * Tusk's runtime configuration, read once from the environment by the indexer
 * and the web server: which full node to call, which deployment (package and
 * object IDs) to follow, which database to use, and which ports to serve on.
 * Every variable is listed in `CONFIG_VARIABLES` (docs/operators/configuration.md
 * is checked against it); a wrong or missing value fails at start with one
 * error naming each variable at fault and what it must be.
 *
 * The deployment itself is read through `deploymentFile.ts` and validated by
 * `deployment.ts`; the database target by `db/database.ts`. This module only
 * puts them together and adds the values they do not cover.
 */
import type { Env } from './env.ts';
import { z } from 'zod';
import { targetFromEnv, type DatabaseTarget } from './db/database.ts';
import type { Deployment } from './deployment.ts';
import { deploymentFileFromEnv, loadDeployment } from './deploymentFile.ts';

/** One environment variable Tusk reads. */
export interface ConfigVariable {
  name: string;
  /** Who reads it. */
  usedBy: ('indexer' | 'web' | 'publisher')[];
  /** The value when unset, as text ('' when there is none). */
  default: string;
  meaning: string;
}

/** The indexer's `--metrics-port` default (indexer/src/ops/cliOptions.ts). */
export const DEFAULT_INDEXER_PORT = 9184;
export const DEFAULT_WEB_DB_POOL = 20;
export const DEFAULT_WEB_PORT = 3000;

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    name: 'TUSK_DEPLOYMENT',
    usedBy: ['indexer', 'web', 'publisher'],
    default: '.data/deployment.json',
    meaning: 'deployment file (package IDs, shared objects, start checkpoint) written by `npm run publish:move`',
  },
  {
    name: 'TUSK_DEPLOYMENT_JSON',
    usedBy: ['indexer', 'web'],
    default: '',
    meaning: 'the deployment inline as JSON; wins over TUSK_DEPLOYMENT',
  },
  {
    name: 'TUSK_RPC_URL',
    usedBy: ['indexer', 'web'],
    default: 'the deployment’s rpcUrl',
    meaning: 'full node (gRPC-web) the indexer and the web server call, e.g. http://sui:9000 inside Docker',
  },
  {
    name: 'TUSK_PUBLIC_RPC_URL',
    usedBy: ['web'],
    default: 'the deployment’s rpcUrl',
    meaning: 'full node browsers (wallets) call; must be reachable from users’ machines',
  },
  {
    name: 'DATABASE_URL',
    usedBy: ['indexer', 'web'],
    default: '',
    meaning: 'PostgreSQL connection string (postgres://...); unset means embedded PGlite',
  },
  {
    name: 'TUSK_DATA_DIR',
    usedBy: ['indexer', 'web'],
    default: '.data/pglite',
    meaning: 'PGlite data directory when DATABASE_URL is unset (`memory` keeps it in memory)',
  },
  {
    name: 'TUSK_WEB_DB_POOL',
    usedBy: ['web'],
    default: String(DEFAULT_WEB_DB_POOL),
    meaning: 'PostgreSQL connections the web server keeps open',
  },
  {
    name: 'TUSK_INDEXER_PORT',
    usedBy: ['indexer'],
    default: String(DEFAULT_INDEXER_PORT),
    meaning: 'port of the indexer’s /metrics (Prometheus) and /health endpoints',
  },
  {
    name: 'TUSK_WEB_PORT',
    usedBy: ['web'],
    default: `PORT, else ${DEFAULT_WEB_PORT}`,
    meaning: 'port the dashboard listens on',
  },
];

/** A configuration that cannot work; `problems` has one sentence per variable at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Tusk is misconfigured:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export interface TuskConfig {
  /** The deployment, or undefined when none is configured and none was required. */
  deployment: Deployment | undefined;
  /** Where the deployment came from (a file path or TUSK_DEPLOYMENT_JSON). */
  deploymentSource: string;
  /** Full node the server side calls (TUSK_RPC_URL, else the deployment's). */
  rpcUrl: string | undefined;
  /** Full node browsers call (TUSK_PUBLIC_RPC_URL, else the deployment's). */
  publicRpcUrl: string | undefined;
  database: DatabaseTarget;
  /** PostgreSQL connections the web server keeps (TUSK_WEB_DB_POOL). */
  webDatabasePool: number;
  ports: { indexer: number; web: number };
}

/** A deployment-bearing configuration, as `loadConfig({ requireDeployment: true })` returns it. */
export type DeployedConfig = TuskConfig & { deployment: Deployment; rpcUrl: string; publicRpcUrl: string };

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
      message: `${name} must be an http:// or https:// URL`,
    })
    .transform((value) => value.replace(/\/+$/, ''));

const port = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a port number from 1 to 65535`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= 65_535, `${name} must be a port number from 1 to 65535`);

const envSchema = z.object({
  TUSK_RPC_URL: httpUrl('TUSK_RPC_URL').optional(),
  TUSK_PUBLIC_RPC_URL: httpUrl('TUSK_PUBLIC_RPC_URL').optional(),
  TUSK_INDEXER_PORT: port('TUSK_INDEXER_PORT').optional(),
  TUSK_WEB_PORT: port('TUSK_WEB_PORT').optional(),
  PORT: port('PORT').optional(),
  TUSK_WEB_DB_POOL: z
    .string()
    .trim()
    .regex(/^\d+$/, 'TUSK_WEB_DB_POOL must be a whole number of connections from 1 to 1000')
    .transform(Number)
    .refine(
      (value) => value >= 1 && value <= 1000,
      'TUSK_WEB_DB_POOL must be a whole number of connections from 1 to 1000',
    )
    .optional(),
});

export interface LoadConfigOptions {
  /** Fail when no deployment is configured (the indexer always needs one). Default true. */
  requireDeployment?: boolean;
}

/**
 * Reads and checks the whole configuration. Empty variables count as unset.
 * Throws a `ConfigError` listing every problem at once.
 */
export function loadConfig(env: Env | undefined, options: { requireDeployment: false }): TuskConfig;
export function loadConfig(env?: Env, options?: LoadConfigOptions): DeployedConfig;
export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): TuskConfig {
  const requireDeployment = options.requireDeployment ?? true;
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const problems: string[] = [];

  const parsed = envSchema.safeParse(set);
  const values = parsed.success ? parsed.data : {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      problems.push(`${issue.message} (got "${String(set[name]).slice(0, 80)}")`);
    }
  }

  const deploymentSource = set.TUSK_DEPLOYMENT_JSON ? 'TUSK_DEPLOYMENT_JSON' : deploymentFileFromEnv(set);
  let deployment: Deployment | undefined;
  try {
    deployment = loadDeployment(set);
    if (!deployment && requireDeployment) {
      problems.push(
        `no deployment at ${deploymentSource}: set TUSK_DEPLOYMENT to the file \`npm run publish:move\` wrote ` +
          `(or TUSK_DEPLOYMENT_JSON to its contents)`,
      );
    }
  } catch (error) {
    problems.push(
      `${(error as Error).message} (from ${set.TUSK_DEPLOYMENT_JSON ? 'TUSK_DEPLOYMENT_JSON' : 'TUSK_DEPLOYMENT'})`,
    );
  }

  let database: DatabaseTarget = { kind: 'pglite' };
  try {
    database = targetFromEnv(set);
  } catch (error) {
    problems.push((error as Error).message);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  const rpcUrl = values.TUSK_RPC_URL ?? deployment?.rpcUrl;
  return {
    deployment,
    deploymentSource,
    rpcUrl,
    publicRpcUrl: values.TUSK_PUBLIC_RPC_URL ?? deployment?.rpcUrl ?? rpcUrl,
    database,
    webDatabasePool: values.TUSK_WEB_DB_POOL ?? DEFAULT_WEB_DB_POOL,
    ports: {
      indexer: values.TUSK_INDEXER_PORT ?? DEFAULT_INDEXER_PORT,
      web: values.TUSK_WEB_PORT ?? values.PORT ?? DEFAULT_WEB_PORT,
    },
  };
}
