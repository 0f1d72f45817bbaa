// Locates the Sui Move framework sources (MoveStdlib + Sui) on this machine,
// so the compiler never has to fetch them from GitHub.
//
// Default: the crates.io crate `moverox-sui`, pinned in move/framework/Cargo.toml
// (+ Cargo.lock), which ships both packages under its `move/` folder.
// Override: SUI_FRAMEWORK_DIR=<a Sui repository checkout> serves
// <dir>/crates/sui-framework/packages/{move-stdlib,sui-framework} instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the two framework packages live, and a human label for logs. */
export interface FrameworkSource {
  stdlibDir: string;
  suiDir: string;
  origin: string;
}

export const FRAMEWORK_CRATE = 'moverox-sui';
export const FRAMEWORK_MANIFEST = resolve(dirname(fileURLToPath(import.meta.url)), '../framework/Cargo.toml');

/** Environment variable pointing at a Sui checkout to use instead of the crate. */
export const FRAMEWORK_DIR_ENV = 'SUI_FRAMEWORK_DIR';

let cached: FrameworkSource | undefined;

/** Finds the framework once per process (cargo metadata takes ~100 ms). */
export function locateFramework(): FrameworkSource {
  cached ??= process.env[FRAMEWORK_DIR_ENV] ? fromSuiCheckout(process.env[FRAMEWORK_DIR_ENV]) : fromCrate();
  return cached;
}

function fromSuiCheckout(root: string): FrameworkSource {
  const packages = join(resolve(root), 'crates/sui-framework/packages');
  return checked(
    {
      stdlibDir: join(packages, 'move-stdlib'),
      suiDir: join(packages, 'sui-framework'),
      origin: `${FRAMEWORK_DIR_ENV}=${root}`,
    },
    `${FRAMEWORK_DIR_ENV} must point at a Sui repository checkout`,
  );
}

function fromCrate(): FrameworkSource {
  // Offline first (fast, no network); download once if the crate is missing,
  // so a fresh clone works with `npm run test:move` alone.
  let crate = crateFromMetadata();
  if (!crate) {
    console.error(`Fetching the Sui framework sources (${FRAMEWORK_CRATE}) with cargo…`);
    const fetch = spawnSync(cargo(), ['fetch', '--locked', '--manifest-path', FRAMEWORK_MANIFEST], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (fetch.status !== 0) {
      throw new Error(
        `could not fetch the Sui framework sources: run ` +
          `\`cargo fetch --locked --manifest-path move/framework/Cargo.toml\` and retry, ` +
          `or set ${FRAMEWORK_DIR_ENV} to a Sui repository checkout`,
      );
    }
    crate = crateFromMetadata();
  }
  if (!crate) throw new Error(`cargo metadata did not list ${FRAMEWORK_CRATE} after fetching it`);
  const moveDir = join(dirname(crate.manifestPath), 'move');
  return checked(
    {
      stdlibDir: join(moveDir, 'move-stdlib'),
      suiDir: join(moveDir, 'sui-framework'),
      origin: `${FRAMEWORK_CRATE} ${crate.version}`,
    },
    `the ${FRAMEWORK_CRATE} crate no longer ships move/move-stdlib and move/sui-framework`,
  );
}

interface CargoPackage {
  name: string;
  version: string;
  manifest_path: string;
}

/** The pinned crate as cargo resolves it, or undefined if it is not downloaded yet. */
function crateFromMetadata(): { version: string; manifestPath: string } | undefined {
  const args = ['metadata', '--format-version', '1', '--locked', '--manifest-path', FRAMEWORK_MANIFEST, '--offline'];
  let stdout: string;
  try {
    stdout = execFileSync(cargo(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `cargo is not installed: install Rust (rustup) to fetch the pinned Sui framework, ` +
          `or set ${FRAMEWORK_DIR_ENV} to a Sui repository checkout`,
        { cause: error },
      );
    }
    return undefined; // typically: crate not in the local cargo registry yet
  }
  const packages = (JSON.parse(stdout) as { packages: CargoPackage[] }).packages;
  const crate = packages.find((p) => p.name === FRAMEWORK_CRATE);
  if (!crate || !existsSync(crate.manifest_path)) return undefined;
  return { version: crate.version, manifestPath: crate.manifest_path };
}

function cargo(): string {
  return process.env.CARGO ?? 'cargo';
}

function checked(source: FrameworkSource, hint: string): FrameworkSource {
  for (const dir of [source.stdlibDir, source.suiDir]) {
    if (!existsSync(join(dir, 'Move.toml'))) {
      throw new Error(`no Move package at ${dir} (${source.origin}): ${hint}`);
    }
  }
  return source;
}
