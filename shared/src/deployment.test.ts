import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentTypes, parseDeployment, serializeDeployment } from './deployment.ts';
import { loadDeployment } from './deploymentFile.ts';

const valid = {
  network: 'localnet',
  rpcUrl: 'http://127.0.0.1:9000',
  packages: { wal: '0xa', tuskOriginal: '0xb', tuskCurrent: '0xc' },
  objects: {
    staking: { objectId: '0x1', initialSharedVersion: 3 },
    governance: '0x2',
    system: '0x3',
    walTreasury: '0x4',
  },
  startCheckpoint: '17',
};

describe('deployment', () => {
  it('normalizes IDs to 64 hex digits and accepts shared objects with or without their version', () => {
    const deployment = parseDeployment(valid);
    expect(deployment.packages.wal).toBe(`0x${'0'.repeat(63)}a`);
    expect(deployment.objects.staking).toEqual({ objectId: `0x${'0'.repeat(63)}1`, initialSharedVersion: '3' });
    expect(deployment.objects.governance).toEqual({
      objectId: `0x${'0'.repeat(63)}2`,
      initialSharedVersion: undefined,
    });
    expect(deployment.startCheckpoint).toBe(17n);
    expect(deploymentTypes(deployment).stakedWal).toBe(`0x${'0'.repeat(63)}b::staked_wal::StakedWal`);
  });

  it('lists every wrong field in one message', () => {
    expect(() =>
      parseDeployment({ ...valid, rpcUrl: 'ftp://x', packages: { ...valid.packages, wal: 'nope' } }),
    ).toThrow(
      /deployment is invalid: .*rpcUrl must be an http\(s\) URL.*packages\.wal must be 0x followed by 1 to 64 hex digits/,
    );
  });

  it('loads from inline JSON or a file, and is absent when neither exists', () => {
    expect(loadDeployment({ TUSK_DEPLOYMENT_JSON: JSON.stringify(valid) })?.network).toBe('localnet');
    const dir = mkdtempSync(join(tmpdir(), 'tusk-deployment-'));
    const file = join(dir, 'deployment.json');
    writeFileSync(file, JSON.stringify(valid));
    expect(loadDeployment({ TUSK_DEPLOYMENT: file })?.startCheckpoint).toBe(17n);
    expect(loadDeployment({ TUSK_DEPLOYMENT: join(dir, 'missing.json') })).toBeUndefined();
    writeFileSync(file, '{');
    expect(() => loadDeployment({ TUSK_DEPLOYMENT: file })).toThrow('is not valid JSON');
  });

  it('serializes to JSON that parses back to the same deployment', () => {
    const deployment = parseDeployment(valid);
    const json = JSON.parse(JSON.stringify(serializeDeployment(deployment)));
    expect(parseDeployment(json)).toEqual(deployment);
  });
});
