// `npm run generate:bls-vectors -w @tusk/move`: rewrites the Move test module
// tests/generated/bls_vectors.move from blsVectors.ts (deterministic output).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildVectors, renderMoveModule } from './blsVectors.ts';
import { VECTORS_PATH } from './vectorsPath.ts';

const vectors = buildVectors();
writeFileSync(VECTORS_PATH, renderMoveModule(vectors));
console.log(`wrote ${relative(process.cwd(), VECTORS_PATH)}: ${vectors.certificates.length} certificates`);
for (const c of vectors.certificates)
  console.log(`  ${c.name}: signature valid = ${c.signatureValid ?? 'n/a (malformed bitmap)'}`);
