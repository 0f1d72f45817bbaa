// `npm run build:move`: writes move/build/<pkg>.json (base64 modules,
// dependency IDs, digest) for every Move package under move/, dependencies
// first. move/build/ is gitignored.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildPackage } from './buildPackage.ts';
import { toolchain } from './builder.ts';
import { findPackages, MOVE_ROOT } from './packages.ts';

async function main(): Promise<void> {
  const { framework, suiVersion } = await toolchain();
  console.log(`Building Move packages: compiler Sui ${suiVersion}, framework sources from ${framework.origin}`);
  const outDir = join(MOVE_ROOT, 'build');
  mkdirSync(outDir, { recursive: true });
  for (const pkg of findPackages()) {
    const { artifact, warnings } = await buildPackage(pkg.dir);
    if (warnings) console.log(warnings);
    const outPath = join(outDir, `${pkg.name}.json`);
    writeFileSync(outPath, `${JSON.stringify(artifact, null, 2)}\n`);
    const digest = Buffer.from(artifact.digest).toString('hex');
    console.log(
      `${pkg.name}: ${artifact.modules.length} module(s), digest ${digest} -> move/${relative(MOVE_ROOT, outPath)}`,
    );
    if (artifact.unpublishedDependencies.length > 0) {
      console.log(
        `  note: links ${artifact.unpublishedDependencies.join(', ')} at 0x0 (not published yet): ` +
          `publish those first, record their address, then rebuild ${pkg.name}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
