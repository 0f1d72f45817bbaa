// Splits a package's test files into runs the WASM runner can take.
//
// One run holding all of tusk's tests together with the ~1 MB of generated
// differential scenarios did not finish in 15 minutes here, while each half
// alone takes one to two minutes. So the generated differential tests run in a
// batch of their own, with the sources only (they use no test helper modules).
import type { PackageFiles } from './packageFiles.ts';

const DIFFERENTIAL = /^tests\/generated\/differential_\d+\.move$/;

/** The file sets to test one after another; together they run every test once. */
export function testBatches(files: PackageFiles): PackageFiles[] {
  const paths = Object.keys(files);
  if (!paths.some((p) => DIFFERENTIAL.test(p))) return [files];
  const pick = (keep: (path: string) => boolean) =>
    Object.fromEntries(Object.entries(files).filter(([path]) => keep(path))) as PackageFiles;
  return [
    pick((path) => !DIFFERENTIAL.test(path)),
    pick((path) => !path.startsWith('tests/') || DIFFERENTIAL.test(path)),
  ];
}
