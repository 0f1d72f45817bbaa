// The one place that loads the WASM Move compiler/test runner
// (@zktx.io/sui-move-builder, "full" entry: compiler + unit-test runner in one
// WASM, so a process that tests and builds loads it once).
import { getPinnedSuiVersion, initMovePackageBuilder, type MovePackageInput } from '@zktx.io/sui-move-builder/full';
import { LocalPackageFetcher } from './fetcher.ts';
import { locateFramework, type FrameworkSource } from './framework.ts';
import type { CompileMode, PackageFiles } from './packageFiles.ts';

/** What compiles our packages: framework sources and the runner's Sui version. */
export interface Toolchain {
  framework: FrameworkSource;
  /** Sui version the WASM compiler, VM and natives were built from. */
  suiVersion: string;
}

let ready: Promise<Toolchain> | undefined;

/** Locates the framework and initialises the WASM once per process. */
export function toolchain(): Promise<Toolchain> {
  ready ??= (async () => {
    const framework = locateFramework();
    await initMovePackageBuilder();
    return { framework, suiVersion: await getPinnedSuiVersion() };
  })();
  return ready;
}

/**
 * Compiler input for the package in `dir`: its `files` and an offline fetcher
 * serving its dependencies for `mode` (`test`: local dependencies with their
 * tests/; `publish`: sources only).
 */
export async function compilerInput(dir: string, files: PackageFiles, mode: CompileMode): Promise<MovePackageInput> {
  const { framework } = await toolchain();
  return { files, fetcher: new LocalPackageFetcher(framework, dir, mode), ansiColor: false, lintFlag: 'default' };
}
