import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_INDEXER_PORT, loadConfig } from './config.ts';

const id = (n: number) => `0x${n.toString(16)}`;
const deployment = {
  network: 'localnet',
  rpcUrl: 'http://localhost:9000',
  packages: { wal: id(1), tuskOriginal: id(2), tuskCurrent: id(3) },
  objects: { staking: id(4), governance: id(5), system: id(6), walTreasury: id(7) },
  startCheckpoint: '12',
};

function deploymentFile(content: unknown = deployment): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tusk-config-')), 'deployment.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the deployment, database and ports with defaults', () => {
    const config = loadConfig({ TUSK_DEPLOYMENT: deploymentFile(), TUSK_DATA_DIR: 'memory' });
    expect(config.deployment.packages.tuskOriginal).toMatch(/^0x0+2$/);
    expect(config.deployment.startCheckpoint).toBe(12n);
    expect(config.rpcUrl).toBe('http://localhost:9000');
    expect(config.publicRpcUrl).toBe('http://localhost:9000');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: undefined });
    expect(config.ports).toEqual({ indexer: DEFAULT_INDEXER_PORT, web: 3000 });
  });

  it('lets the server side and browsers use different full node URLs', () => {
    const config = loadConfig({
      TUSK_DEPLOYMENT_JSON: JSON.stringify(deployment),
      TUSK_RPC_URL: 'http://sui:9000/',
      TUSK_PUBLIC_RPC_URL: 'https://rpc.example.org',
      DATABASE_URL: 'postgres://tusk:tusk@postgres:5432/tusk',
      TUSK_WEB_DB_POOL: '5',
      PORT: '8080',
      TUSK_INDEXER_PORT: '9100',
    });
    expect(config.rpcUrl).toBe('http://sui:9000');
    expect(config.publicRpcUrl).toBe('https://rpc.example.org');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://tusk:tusk@postgres:5432/tusk' });
    expect(config.webDatabasePool).toBe(5);
    expect(config.ports).toEqual({ indexer: 9100, web: 8080 });
    expect(config.deploymentSource).toBe('TUSK_DEPLOYMENT_JSON');
  });

  it('names every wrong variable in one error', () => {
    const problems = problemsOf(() =>
      loadConfig({
        TUSK_DEPLOYMENT: deploymentFile(),
        TUSK_RPC_URL: 'sui:9000',
        TUSK_INDEXER_PORT: '70000',
        TUSK_WEB_PORT: 'web',
        TUSK_WEB_DB_POOL: '0',
        DATABASE_URL: 'mysql://nope',
      }),
    );
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/TUSK_RPC_URL must be an http:\/\/ or https:\/\/ URL \(got "sui:9000"\)/);
    expect(problems.join('\n')).toMatch(/TUSK_INDEXER_PORT must be a port number from 1 to 65535 \(got "70000"\)/);
    expect(problems.join('\n')).toMatch(/TUSK_WEB_PORT must be a port number/);
    expect(problems.join('\n')).toMatch(/TUSK_WEB_DB_POOL must be a whole number of connections/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must start with postgres:\/\//);
  });

  it('says where it looked when there is no deployment, unless none is required', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'tusk-config-')), 'none.json');
    expect(problemsOf(() => loadConfig({ TUSK_DEPLOYMENT: missing }))).toEqual([
      `no deployment at ${missing}: set TUSK_DEPLOYMENT to the file \`npm run publish:move\` wrote (or TUSK_DEPLOYMENT_JSON to its contents)`,
    ]);
    const config = loadConfig({ TUSK_DEPLOYMENT: missing }, { requireDeployment: false });
    expect(config.deployment).toBeUndefined();
    expect(config.rpcUrl).toBeUndefined();
  });

  it('reports a deployment file that is not valid, field by field', () => {
    const broken = deploymentFile({ ...deployment, packages: { ...deployment.packages, wal: 'wal' } });
    const [problem] = problemsOf(() => loadConfig({ TUSK_DEPLOYMENT: broken }));
    expect(problem).toMatch(/is invalid: packages\.wal must be 0x followed by 1 to 64 hex digits/);
    expect(problem).toMatch(/from TUSK_DEPLOYMENT/);
    expect(problemsOf(() => loadConfig({ TUSK_DEPLOYMENT: deploymentFile('{not json') }))[0]).toMatch(
      /is not valid JSON/,
    );
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({
      TUSK_DEPLOYMENT: deploymentFile(),
      TUSK_RPC_URL: '',
      DATABASE_URL: '  ',
      TUSK_DATA_DIR: 'memory',
    });
    expect(config.rpcUrl).toBe('http://localhost:9000');
    expect(config.database.kind).toBe('pglite');
  });
});
