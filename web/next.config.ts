import type { NextConfig } from 'next';

const config: NextConfig = {
  // `@tusk/shared` is TypeScript source (transaction builders, formats, the DB schema).
  transpilePackages: ['@tusk/shared'],
  // Database drivers load WASM / native bindings at runtime: keep them out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
