/**
 * Environment variables as our config readers take them: a plain string map, so
 * callers (and tests) can pass any object, not only `process.env`.
 */
export type Env = Readonly<Record<string, string | undefined>>;
