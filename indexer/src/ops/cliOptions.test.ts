import { describe, expect, it } from 'vitest';
import { parseDeployment, type Deployment } from '@tusk/shared/deployment';
import { parseCli, UsageError } from './cliOptions.ts';

const id = (byte: string) => '0x' + byte.repeat(32);

const deployment: Deployment = parseDeployment({
  network: 'localnet',
  rpcUrl: 'http://127.0.0.1:9000',
  packages: { wal: id('01'), tuskOriginal: id('0a'), tuskCurrent: id('0b') },
  objects: {
    staking: { objectId: id('11'), initialSharedVersion: '1' },
    governance: { objectId: id('12'), initialSharedVersion: '1' },
    system: { objectId: id('13'), initialSharedVersion: '1' },
    walTreasury: { objectId: id('14'), initialSharedVersion: '1' },
  },
  startCheckpoint: '42',
});

const noEnv = {} as unknown as NodeJS.ProcessEnv;

const config = (argv: string[], env: NodeJS.ProcessEnv = noEnv, from?: Deployment) => {
  const parsed = parseCli(argv, env, from);
  if (parsed.help) throw new Error('help');
  return parsed.config;
};

describe('indexer CLI options', () => {
  it('shows help', () => {
    expect(parseCli(['--help'], noEnv, undefined)).toEqual({ help: true });
  });

  it('takes the node, packages and start checkpoint from the deployment file by default', () => {
    const c = config([], noEnv, deployment);
    expect(c.source.url).toBe('http://127.0.0.1:9000');
    expect(c.originalPackageIds).toEqual([id('0a')]);
    expect(c.source.packageIds).toEqual([id('0a'), id('0b')]);
    expect(c.source.startCheckpoint).toBe(42n);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(c.metrics).toEqual({ port: 9184, host: '127.0.0.1' });
  });

  it('lets flags override the deployment and reads DATABASE_URL', () => {
    const c = config(
      [
        '--rpc-url',
        'https://node.example:443',
        '--package',
        '0x2a',
        '--upgraded-package',
        '0x2b',
        '--upgraded-package',
        '0x2c',
        '--end-checkpoint',
        '99',
        '--metrics-port',
        'off',
      ],
      { DATABASE_URL: 'postgres://u@h/db' } as unknown as NodeJS.ProcessEnv,
      deployment,
    );
    expect(c.source.url).toBe('https://node.example:443');
    expect(c.originalPackageIds).toEqual(['0x' + '0'.repeat(62) + '2a']);
    expect(c.upgradedPackageIds).toEqual(['0x' + '0'.repeat(62) + '2b', '0x' + '0'.repeat(62) + '2c']);
    expect(c.source.packageIds).toHaveLength(3);
    expect(c.source.endCheckpoint).toBe(99n);
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(c.metrics).toBeUndefined();
  });

  it('reports every problem in one usage error', () => {
    const attempt = () =>
      parseCli(
        ['--backfill-method', 'fast', '--metrics-port', 'x', '--package', '0xzz', '--rpc-url', 'http://n'],
        noEnv,
        undefined,
      );
    expect(attempt).toThrow(UsageError);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).toContain('--backfill-method must be auto, list or get');
      expect((error as Error).message).toContain('--metrics-port must be a port number or "off"');
    }
  });

  it('says what is missing without a deployment', () => {
    expect(() => parseCli([], noEnv, undefined)).toThrow(/--rpc-url is required/);
  });

  it('rejects unknown flags', () => {
    expect(() => parseCli(['--nope'], noEnv, undefined)).toThrow(/Unknown option '--nope'/);
  });
});
