import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the generated BLS vectors module lives. */
export const VECTORS_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'tests',
  'generated',
  'bls_vectors.move',
);
