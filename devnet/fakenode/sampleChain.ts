/**
 * A small deterministic chain for source and fake-node tests: checkpoint N
 * holds a few transactions whose events come from our original package, our
 * upgraded package, and a foreign package, with some checkpoints empty.
 * `ourCheckpoint(n)` is what the indexer's source must yield for it, and
 * `protoCheckpoint(n)` what the node serves (foreign events included).
 */
import type { Checkpoint, CheckpointEvent } from '@tusk/indexer/source/checkpoint';
import type { ProtoCheckpoint } from './checkpointStore.ts';
import { fakeDigest, toProtoCheckpoint } from './protoCheckpoint.ts';

export const ORIGINAL_PACKAGE = '0x' + '0a'.repeat(32);
export const UPGRADED_PACKAGE = '0x' + '0b'.repeat(32);
const SENDER = '0x' + '5e'.repeat(32);

/** Checkpoint `n` as the source yields it: our events only, with their original indices. */
export function ourCheckpoint(n: bigint): Checkpoint {
  const events: CheckpointEvent[] = [];
  // Every 7th checkpoint has none of our events (it is still yielded, to move watermarks).
  if (n % 7n !== 3n) {
    const transactions = Number(n % 3n) + 1;
    for (let t = 0; t < transactions; t++) {
      const txDigest = fakeDigest(`tx:${n}:${t}`);
      // Index 1 is taken by a foreign event (filled in by toProtoCheckpoint).
      for (const eventIndex of [0, 2, 3]) {
        const fromUpgrade = eventIndex === 3;
        events.push({
          txDigest,
          eventIndex,
          type: `${fromUpgrade ? UPGRADED_PACKAGE : ORIGINAL_PACKAGE}::events::${fromUpgrade ? 'VoteCast' : 'StakeDeposited'}`,
          packageId: UPGRADED_PACKAGE,
          sender: SENDER,
          bcs: new Uint8Array([Number(n & 0xffn), Number((n >> 8n) & 0xffn), t, eventIndex]),
        });
      }
    }
  }
  return { sequenceNumber: n, timestampMs: 1_700_000_000_000n + n * 250n, events };
}

export function protoCheckpoint(n: bigint): ProtoCheckpoint {
  return toProtoCheckpoint(ourCheckpoint(n));
}

export function ourCheckpoints(from: bigint, to: bigint): Checkpoint[] {
  const out: Checkpoint[] = [];
  for (let n = from; n <= to; n++) out.push(ourCheckpoint(n));
  return out;
}
