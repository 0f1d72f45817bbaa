/**
 * The devnet's ledger as a checkpoint store for the fake node's ledger and
 * subscription services (`devnet/fakenode/checkpointStore.ts`): checkpoints are
 * turned into protobuf messages when asked for, with a small cache for the
 * checkpoints clients read again and again (the tip).
 */
import type { CheckpointStore, ProtoCheckpoint } from '../fakenode/checkpointStore.ts';
import type { Devnet } from '../sim/devnet.ts';
import { checkpointToProto } from './protos.ts';

export class DevnetCheckpointStore implements CheckpointStore {
  readonly #cache = new Map<bigint, ProtoCheckpoint>();
  readonly #byDigest = new Map<string, bigint>();

  constructor(
    readonly devnet: Devnet,
    readonly cacheSize = 256,
  ) {
    for (const checkpoint of devnet.checkpoints) this.#byDigest.set(checkpoint.digest, checkpoint.sequenceNumber);
    devnet.onCheckpoint((checkpoint) => this.#byDigest.set(checkpoint.digest, checkpoint.sequenceNumber));
  }

  lowest(): bigint {
    return this.devnet.checkpoints[0]!.sequenceNumber;
  }

  highest(): bigint | undefined {
    return this.devnet.latestCheckpoint.sequenceNumber;
  }

  get(sequenceNumber: bigint): ProtoCheckpoint | undefined {
    const cached = this.#cache.get(sequenceNumber);
    if (cached) return cached;
    const checkpoint = this.devnet.checkpoints[Number(sequenceNumber - this.lowest())];
    if (!checkpoint) return undefined;
    const proto = checkpointToProto(this.devnet, checkpoint);
    this.#cache.set(sequenceNumber, proto);
    if (this.#cache.size > this.cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
    return proto;
  }

  getByDigest(digest: string): ProtoCheckpoint | undefined {
    const sequenceNumber = this.#byDigest.get(digest);
    return sequenceNumber === undefined ? undefined : this.get(sequenceNumber);
  }

  onCheckpoint(listener: (sequenceNumber: bigint) => void): () => void {
    return this.devnet.onCheckpoint((checkpoint) => listener(checkpoint.sequenceNumber));
  }
}
