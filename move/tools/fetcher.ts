// Serves every dependency the compiler asks for from this machine: the Sui
// framework (implicit `std` and `sui`) from `locateFramework()`, and local
// dependencies (`wal = { local = "../wal" }`) from disk. No network.
//
// In `test` mode a local dependency comes with its tests/ folder, so the root
// package's tests can use the dependency's `#[test_only]` helpers kept there
// (as under `sui move test`; the runner still runs only the root's tests).
// In `publish` mode dependencies are sources only. The framework is always
// sources only: the pinned crate ships no tests/, and its test helpers
// (`test_scenario`, `test_utils`) live in sources/ as `#[test_only]` anyway.
import { MovePackageFetcher, type MovePackageFetchLocalContext } from '@zktx.io/sui-move-builder/full';
import { resolve } from 'node:path';
import type { FrameworkSource } from './framework.ts';
import { readPackageFiles, type CompileMode, type PackageFiles } from './packageFiles.ts';
import { readManifest } from './packages.ts';

/** Framework package folders of the Sui repository, by their last path segment. */
const FRAMEWORK_SUBDIRS = ['move-stdlib', 'sui-framework'] as const;

/** Dependency loader for one root package (`rootDir`), reading only local files. */
export class LocalPackageFetcher extends MovePackageFetcher {
  /** Package name -> dir, to resolve a dependency's own relative local paths. */
  private readonly dirsByName = new Map<string, string>();
  private readonly cache = new Map<string, PackageFiles>();

  constructor(
    private readonly framework: FrameworkSource,
    rootDir: string,
    private readonly mode: CompileMode,
  ) {
    super();
    this.dirsByName.set(readManifest(rootDir).name, rootDir);
  }

  /** Git dependencies: only the two framework packages of the Sui repo exist offline. */
  override async fetch(gitUrl: string, rev: string, subdir?: string): Promise<PackageFiles> {
    const which = FRAMEWORK_SUBDIRS.find((name) =>
      subdir?.replace(/\/+$/, '').endsWith(`sui-framework/packages/${name}`),
    );
    if (!which || !/github\.com\/MystenLabs\/sui(\.git)?$/i.test(gitUrl)) {
      throw new Error(
        `git dependency ${gitUrl}@${rev}${subdir ? `/${subdir}` : ''} is not available offline: ` +
          `only MoveStdlib and Sui are served (from ${this.framework.origin}); use a local dependency`,
      );
    }
    return this.read(which === 'move-stdlib' ? this.framework.stdlibDir : this.framework.suiDir, false);
  }

  /** Local dependencies, relative to the package that declares them. */
  override fetchLocal = async (localPath: string, context: MovePackageFetchLocalContext): Promise<PackageFiles> => {
    const parentDir = this.dirsByName.get(context.parentPackageName);
    if (!parentDir) {
      throw new Error(
        `cannot resolve local dependency ${localPath}: unknown parent package ${context.parentPackageName}`,
      );
    }
    const dir = resolve(parentDir, localPath);
    this.dirsByName.set(readManifest(dir).name, dir);
    return this.read(dir, this.mode === 'test');
  };

  override async fetchFile(): Promise<string | null> {
    return null;
  }

  /** The framework is a fixed snapshot, so the requested rev is the resolved one. */
  override getResolvedSha(_gitUrl: string, rev: string): string {
    return rev;
  }

  /** One fetcher serves one mode, so a dir is always read the same way and can be cached by dir. */
  private read(dir: string, withTests: boolean): PackageFiles {
    let files = this.cache.get(dir);
    if (!files) {
      files = readPackageFiles(dir, withTests);
      this.cache.set(dir, files);
    }
    return files;
  }
}
