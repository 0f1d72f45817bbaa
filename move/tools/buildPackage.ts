// Compiles one Move package for publishing: the modules, dependency IDs and
// digest a `Transaction.publish` needs.
import { prepareMovePackagePublish } from '@zktx.io/sui-move-builder/full';
import { compilerInput, toolchain } from './builder.ts';
import { readPackageFiles } from './packageFiles.ts';
import { readManifest } from './packages.ts';

/** Contents of move/build/<pkg>.json. */
export interface PublishArtifact {
  package: string;
  /** Base64 bytecode modules, in publish order. */
  modules: string[];
  /** Hex IDs of the packages it links against. */
  dependencies: string[];
  /** Blake2b-256 package digest bytes (as the Sui CLI prints them). */
  digest: number[];
  /**
   * Local dependencies with no published address yet: the modules link them
   * at 0x0, so publish those first, record their address, and rebuild.
   */
  unpublishedDependencies: string[];
  suiVersion: string;
  framework: string;
}

/** Compiles the package in `dir`; throws with the compiler's diagnostics if it does not build. */
export async function buildPackage(dir: string): Promise<{ artifact: PublishArtifact; warnings: string }> {
  const manifest = readManifest(dir);
  const { framework, suiVersion } = await toolchain();
  const result = await prepareMovePackagePublish(await compilerInput(dir, readPackageFiles(dir, false), 'publish'));
  if ('error' in result) {
    throw new Error(`${manifest.name} did not build (${result.category ?? 'error'}):\n${result.error}`);
  }
  const artifact: PublishArtifact = {
    package: manifest.name,
    modules: result.modules,
    dependencies: result.dependencies,
    digest: result.digest,
    unpublishedDependencies: manifest.localDeps
      .map(readManifest)
      .filter((dep) => !dep.published)
      .map((dep) => dep.name),
    suiVersion,
    framework: framework.origin,
  };
  return { artifact, warnings: result.warnings?.trim() ?? '' };
}
