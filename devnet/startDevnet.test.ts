import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { deploymentTypes } from '@tusk/shared/deployment';
import { DEFAULT_FAUCET_WAL, startDevnet, type DevnetHandle } from './startDevnet.ts';

let handle: DevnetHandle;
const dataDir = mkdtempSync(join(tmpdir(), 'tusk-devnet-'));
const options = {
  seed: 'start-test',
  nodes: 6,
  delegators: 30,
  historyEpochs: 3,
  epochDurationMs: 60_000n,
  port: 0,
  faucetPort: 0,
  dataDir,
  live: false,
};

beforeAll(async () => {
  handle = await startDevnet(options);
  await handle.ready;
});

afterAll(async () => {
  await handle?.close();
});

describe('startDevnet', () => {
  it('makes the requested history: nodes registered, epochs passed, a committee in office', () => {
    const { state } = handle.devnet;
    expect(state.staking.nodeCount).toBe(6);
    expect(state.staking.activeSet).toHaveLength(6);
    expect(state.staking.epoch).toBe(3);
    expect(state.staking.committee.nodeIds.length).toBeGreaterThan(0);
    expect(handle.network.stats.failed).toBe(0);
  });

  it('gives an address WAL and SUI through the faucet endpoint', async () => {
    const address = `0x${'ab'.repeat(32)}`;
    const res = await fetch(handle.faucetUrl!, { method: 'POST', body: JSON.stringify({ address }) });
    expect(res.status).toBe(200);
    const client = new SuiGrpcClient({ baseUrl: handle.url, network: 'localnet' });
    const { balance } = await client.core.getBalance({
      owner: address,
      coinType: deploymentTypes(handle.deployment).wal,
    });
    expect(balance.balance).toBe(String(DEFAULT_FAUCET_WAL));
    // Enough to stake and still pay a proposal's deposit.
    const { minStake, minProposalDeposit } = handle.devnet.state.staking.params;
    expect(DEFAULT_FAUCET_WAL >= minProposalDeposit + 1_000n * minStake).toBe(true);
    expect((await fetch(handle.faucetUrl!, { method: 'POST', body: '{"address":"nope"}' })).status).toBe(400);
  });

  it('moves to the next epoch on demand', async () => {
    const before = handle.devnet.state.staking.epoch;
    await handle.advanceEpoch();
    expect(handle.devnet.state.staking.epoch).toBe(before + 1);
  });

  it('replays its log to the same chain after a restart', async () => {
    const tip = handle.devnet.latestCheckpoint;
    const digests = handle.devnet.checkpoints.map((c) => c.digest);
    await handle.close();
    handle = await startDevnet(options);
    await handle.ready;
    expect(handle.devnet.checkpoints.slice(0, digests.length).map((c) => c.digest)).toEqual(digests);
    expect(handle.devnet.latestCheckpoint.sequenceNumber).toBeGreaterThanOrEqual(tip.sequenceNumber);
    expect(handle.devnet.state.staking.epoch).toBe(4);
  });
});
