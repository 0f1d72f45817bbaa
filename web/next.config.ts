import type { NextConfig } from 'next';

const config: NextConfig = {
  // `@tusk/shared` is TypeScript source (transaction builders, formats, the DB schema).
  transpilePackages: ['@tusk/shared'],
  // Database drivers load WASM / native bindings at runtime: keep them out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  // e2e tests build into their own folder, so they can run while `npm start` serves the dashboard.
  distDir: process.env.TUSK_NEXT_DIST_DIR || '.next',
  // Tests and tools reach the dev server at 127.0.0.1 as well as localhost.
  allowedDevOrigins: ['127.0.0.1'],
  reactStrictMode: true,
};

export default config;
