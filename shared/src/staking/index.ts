/**
 * Staking math, once for TypeScript: the devnet's simulator runs on it and
 * the dashboard previews with it, so both agree with each other and (through
 * the differential tests) with the Move package.
 */
export * from './exchangeRate.ts';
export * from './rewards.ts';
export * from './quantile.ts';
export * from './committee.ts';
