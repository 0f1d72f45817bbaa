// Builds a Move package for a real network: the same compiler, framework and
// files as `build:move`, except that packages already on chain (wal, once it
// is published; tusk itself, for an upgrade) are described to the compiler by
// an in-memory `Published.toml`. The compiler then links them at their on-chain
// address and lists them in `dependencies`, which is what `Transaction.publish`
// and `Transaction.upgrade` need. Nothing is written to move/<pkg>/: the
// deployment file is the record of where a network's packages live.
import {
  prepareMovePackagePublish,
  prepareMovePackageUpgrade,
  type MovePackageFetchLocalContext,
} from '@zktx.io/sui-move-builder/full';
import { parse } from 'smol-toml';
import { toolchain } from '../builder.ts';
import { LocalPackageFetcher } from '../fetcher.ts';
import type { FrameworkSource } from '../framework.ts';
import { readPackageFiles, type PackageFiles } from '../packageFiles.ts';
import { readManifest } from '../packages.ts';

/** Where a package lives on one network (one `[published.<env>]` record of a Published.toml). */
export interface Publication {
  /** The package to link against and call: the latest version (`published-at`). */
  publishedAt: string;
  /** The first version's ID: types and the compiler's address for the package (`original-id`). */
  originalId: string;
  /** 1 for a fresh publish, +1 per upgrade. */
  version: number;
  /** The `UpgradeCap`, when known. */
  upgradeCap?: string;
  /** Chain identifier of the network (informational for the compiler). */
  chainId?: string;
}

/** Publications by Move package name (`wal`, `tusk`). */
export type Publications = Record<string, Publication>;

/**
 * The compiler's environment name, used only to key `[published.<env>]`.
 * The builder accepts mainnet, testnet and devnet; every other network
 * (localnet, a custom URL) uses `devnet`, which is harmless because our
 * fetcher serves the same framework snapshot whatever the environment.
 */
export type BuildEnvironment = 'mainnet' | 'testnet' | 'devnet';

export function buildEnvironment(network: string): BuildEnvironment {
  return network === 'mainnet' || network === 'testnet' ? network : 'devnet';
}

/** What a publish or upgrade transaction carries, plus what we learn from the build. */
export interface PublishableBuild {
  package: string;
  /** Base64 bytecode modules, in publish order. */
  modules: string[];
  /** Package IDs linked against (framework + published local dependencies), as the compiler lists them. */
  dependencies: string[];
  /** Package digest (blake2b-256), the value governance authorizes for an upgrade. */
  digest: Uint8Array;
  warnings: string;
}

/** `Published.toml` text with one `[published.<env>]` record. */
export function publishedToml(env: BuildEnvironment, publication: Publication, suiVersion: string): string {
  const lines = [
    '# Generated in memory by move/tools/publish from the deployment file; not written to disk.',
    `[published.${env}]`,
    `chain-id = "${publication.chainId ?? 'unknown'}"`,
    `published-at = "${publication.publishedAt}"`,
    `original-id = "${publication.originalId}"`,
    `version = ${publication.version}`,
    `toolchain-version = "${suiVersion}"`,
    'build-config = { flavor = "sui", edition = "2024" }',
  ];
  if (publication.upgradeCap) lines.push(`upgrade-capability = "${publication.upgradeCap}"`);
  return `${lines.join('\n')}\n`;
}

/**
 * Serves local dependencies like `LocalPackageFetcher`, but replaces each
 * dependency's Published.toml with the record in `publications` (or drops it
 * when there is none), so what is linked comes from the deployment alone.
 */
class PublicationFetcher extends LocalPackageFetcher {
  constructor(framework: FrameworkSource, rootDir: string, records: Map<string, string | undefined>) {
    super(framework, rootDir, 'publish');
    const readLocal = this.fetchLocal;
    this.fetchLocal = async (localPath: string, context: MovePackageFetchLocalContext): Promise<PackageFiles> => {
      const files = await readLocal(localPath, context);
      return withPublication(files, records.get(packageName(files) ?? context.dependencyName));
    };
  }
}

function packageName(files: PackageFiles): string | undefined {
  const manifest = files['Move.toml'];
  if (!manifest) return undefined;
  const name = (parse(manifest) as { package?: { name?: unknown } }).package?.name;
  return typeof name === 'string' ? name : undefined;
}

function withPublication(files: PackageFiles, record: string | undefined): PackageFiles {
  const { ['Published.toml']: _onDisk, ...rest } = files;
  return record === undefined ? rest : { ...rest, 'Published.toml': record };
}

export interface BuildOptions {
  /** Network name (`localnet`, `testnet`, ...): selects the compiler environment. */
  network: string;
  /** Packages already on this network, by name. */
  publications: Publications;
  /** `publish` (root not on chain yet) or `upgrade` (root is in `publications`). */
  intent: 'publish' | 'upgrade';
}

/**
 * Compiles the package in `dir` for `intent`. Fails if a local dependency is
 * not in `publications` (it would be linked at 0x0, and a chain rejects that).
 */
export async function buildPublishable(dir: string, options: BuildOptions): Promise<PublishableBuild> {
  const manifest = readManifest(dir);
  const env = buildEnvironment(options.network);
  const { framework, suiVersion } = await toolchain();

  const missing = manifest.localDeps.map(readManifest).filter((dep) => !options.publications[dep.name]);
  if (missing.length > 0) {
    throw new Error(
      `${manifest.name} depends on ${missing.map((dep) => dep.name).join(', ')}, which ` +
        `${missing.length === 1 ? 'is' : 'are'} not published on ${options.network} yet: publish ` +
        `${missing.length === 1 ? 'it' : 'them'} first`,
    );
  }
  const rootPublication = options.publications[manifest.name];
  if (options.intent === 'upgrade' && !rootPublication) {
    throw new Error(`cannot upgrade ${manifest.name}: the deployment has no published ${manifest.name} package`);
  }

  const records = new Map<string, string | undefined>(
    Object.entries(options.publications).map(([name, publication]) => [
      name,
      publishedToml(env, publication, suiVersion),
    ]),
  );
  const files = withPublication(
    readPackageFiles(dir, false),
    options.intent === 'upgrade' ? records.get(manifest.name) : undefined,
  );
  const input = {
    files,
    fetcher: new PublicationFetcher(framework, dir, records),
    network: env,
    ansiColor: false,
    lintFlag: 'default' as const,
  };
  const result =
    options.intent === 'upgrade' ? await prepareMovePackageUpgrade(input) : await prepareMovePackagePublish(input);
  if ('error' in result) {
    throw new Error(`${manifest.name} did not build (${result.category ?? 'error'}):\n${result.error}`);
  }
  return {
    package: manifest.name,
    modules: result.modules,
    dependencies: result.dependencies,
    digest: Uint8Array.from(result.digest),
    warnings: result.warnings?.trim() ?? '',
  };
}
