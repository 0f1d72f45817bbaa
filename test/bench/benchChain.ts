/**
 * The benchmark's chain: a seeded scenario of at least 1,000,000 events in
 * at least 100,000 checkpoints, in the form the fake node serves it (each
 * checkpoint masked with the indexer's read mask and encoded). Generating it
 * takes minutes, so the encoded chain is cached under `.data/bench/`, keyed by
 * the scenario's parameters and the read mask.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { CHECKPOINT_READ_MASK } from '../../indexer/src/source/readMask.ts';
import { applyMask, parseMask } from '../../devnet/fakenode/fieldMask.ts';
import { toProtoCheckpoint } from '../../devnet/fakenode/protoCheckpoint.ts';
import { Scenario, type ScenarioParams } from '../scenario/scenario.ts';

export const BENCH_PACKAGE = normalizeSuiAddress('0xbe7c');

export const BENCH_SCENARIO: ScenarioParams = {
  seed: 7,
  packageId: BENCH_PACKAGE,
  nodes: 100,
  stakers: 20_000,
  epochs: 99,
  checkpointsPerEpoch: 1_000,
  eventsPerCheckpoint: 10,
};

export interface BenchChain {
  /** Each checkpoint's masked protobuf encoding, from checkpoint 0. */
  checkpoints: Uint8Array[];
  events: number;
}

const CACHE_DIR = join(process.cwd().replace(/\/test$/, ''), '.data', 'bench');

export function loadBenchChain(
  params: ScenarioParams = BENCH_SCENARIO,
  log: (line: string) => void = () => {},
): BenchChain {
  const key = createHash('sha256')
    .update(JSON.stringify({ params, mask: CHECKPOINT_READ_MASK, v: 1 }))
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE_DIR, `chain-${key}.bin`);
  if (existsSync(file)) {
    log(`loading the cached chain ${file}`);
    return readChain(readFileSync(file));
  }
  log(`generating the chain (cached afterwards in ${file})`);
  const mask = parseMask(GrpcTypes.Checkpoint, CHECKPOINT_READ_MASK);
  const scenario = new Scenario(params);
  const checkpoints: Uint8Array[] = [];
  for (const checkpoint of scenario.checkpoints()) {
    checkpoints.push(
      GrpcTypes.Checkpoint.toBinary(applyMask(GrpcTypes.Checkpoint, toProtoCheckpoint(checkpoint), mask)),
    );
    if (checkpoints.length % 10_000 === 0) log(`  ${checkpoints.length} checkpoints, ${scenario.facts.events} events`);
  }
  const chain = { checkpoints, events: scenario.facts.events };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, writeChain(chain));
  renameSync(`${file}.tmp`, file);
  return chain;
}

/** Layout: u32 event count high, u32 low, u32 checkpoint count, then per checkpoint u32 length + bytes. */
function writeChain(chain: BenchChain): Buffer {
  const total = 12 + chain.checkpoints.reduce((sum, c) => sum + 4 + c.length, 0);
  const buffer = Buffer.allocUnsafe(total);
  buffer.writeUInt32BE(Math.floor(chain.events / 2 ** 32), 0);
  buffer.writeUInt32BE(chain.events % 2 ** 32, 4);
  buffer.writeUInt32BE(chain.checkpoints.length, 8);
  let offset = 12;
  for (const checkpoint of chain.checkpoints) {
    buffer.writeUInt32BE(checkpoint.length, offset);
    buffer.set(checkpoint, offset + 4);
    offset += 4 + checkpoint.length;
  }
  return buffer;
}

function readChain(buffer: Buffer): BenchChain {
  const events = buffer.readUInt32BE(0) * 2 ** 32 + buffer.readUInt32BE(4);
  const count = buffer.readUInt32BE(8);
  const checkpoints: Uint8Array[] = [];
  let offset = 12;
  for (let i = 0; i < count; i++) {
    const length = buffer.readUInt32BE(offset);
    checkpoints.push(buffer.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return { checkpoints, events };
}
