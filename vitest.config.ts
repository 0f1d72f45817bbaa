import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,indexer,move,web,devnet,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
