/**
 * Where the fake node's checkpoints come from. The services only need to
 * look one up by sequence number, know the range held, and hear when a new one
 * is executed (for subscriptions), so a store can be an array filled by a test,
 * a generator that builds checkpoint N on demand (100,000+ checkpoints cost
 * nothing until asked for), or the devnet's own ledger.
 *
 * Stores hand out full checkpoints (every field they have); the services apply
 * the request's read mask. Returned messages must not be mutated.
 */
import { GrpcTypes } from '@mysten/sui/grpc';

export type ProtoCheckpoint = GrpcTypes.Checkpoint;

export interface CheckpointStore {
  /** Lowest checkpoint served (a pruning node starts above 0). */
  lowest(): bigint;
  /** Highest executed checkpoint, or undefined before the first. */
  highest(): bigint | undefined;
  /** Checkpoint `sequenceNumber`, or undefined when outside the range held. */
  get(sequenceNumber: bigint): ProtoCheckpoint | undefined;
  /** Checkpoint by digest, when the store can look digests up. */
  getByDigest?(digest: string): ProtoCheckpoint | undefined;
  /** Calls `listener` with each newly executed checkpoint's number; returns the unsubscribe function. */
  onCheckpoint(listener: (sequenceNumber: bigint) => void): () => void;
  /**
   * The protobuf encoding of checkpoint `sequenceNumber` masked by `paths`,
   * when the store holds it ready (services then send these bytes as they are);
   * undefined to let the service mask and encode `get()`'s message.
   */
  encoded?(sequenceNumber: bigint, paths: readonly string[] | undefined): Uint8Array | undefined;
}

/** Listener bookkeeping shared by the stores. */
class CheckpointListeners {
  readonly #listeners = new Set<(sequenceNumber: bigint) => void>();

  add(listener: (sequenceNumber: bigint) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(sequenceNumber: bigint): void {
    for (const listener of [...this.#listeners]) listener(sequenceNumber);
  }
}

/** Checkpoints appended one by one (by a test, or a simulator executing transactions). */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #checkpoints: ProtoCheckpoint[] = [];
  readonly #byDigest = new Map<string, ProtoCheckpoint>();
  readonly #listeners = new CheckpointListeners();
  readonly #first: bigint;

  /** `first` is the sequence number of the first checkpoint appended. */
  constructor(first = 0n) {
    this.#first = first;
  }

  lowest(): bigint {
    return this.#first;
  }

  highest(): bigint | undefined {
    return this.#checkpoints.length === 0 ? undefined : this.#first + BigInt(this.#checkpoints.length - 1);
  }

  get(sequenceNumber: bigint): ProtoCheckpoint | undefined {
    const index = sequenceNumber - this.#first;
    return index < 0n ? undefined : this.#checkpoints[Number(index)];
  }

  getByDigest(digest: string): ProtoCheckpoint | undefined {
    return this.#byDigest.get(digest);
  }

  /** Executes the next checkpoint; its sequence number must follow the highest. */
  append(checkpoint: ProtoCheckpoint): void {
    const expected = (this.highest() ?? this.#first - 1n) + 1n;
    if (checkpoint.sequenceNumber !== expected) {
      throw new Error(`checkpoint ${checkpoint.sequenceNumber} appended where ${expected} was expected`);
    }
    this.#checkpoints.push(checkpoint);
    if (checkpoint.digest) this.#byDigest.set(checkpoint.digest, checkpoint);
    this.#listeners.notify(expected);
  }

  onCheckpoint(listener: (sequenceNumber: bigint) => void): () => void {
    return this.#listeners.add(listener);
  }
}

/**
 * Checkpoints built on demand by `generate(n)` for n in `[lowest, height)`.
 * The height can grow (`advanceTo`, `advanceEvery`) to simulate a live chain.
 * `generate` must be deterministic: a checkpoint may be built more than once.
 */
export class GeneratedCheckpointStore implements CheckpointStore {
  readonly #generate: (sequenceNumber: bigint) => ProtoCheckpoint;
  readonly #listeners = new CheckpointListeners();
  readonly #lowest: bigint;
  #height: bigint;
  #timer: NodeJS.Timeout | undefined;

  /** Serves checkpoints `lowest .. height - 1`. */
  constructor(options: { generate: (sequenceNumber: bigint) => ProtoCheckpoint; height: bigint; lowest?: bigint }) {
    this.#generate = options.generate;
    this.#height = options.height;
    this.#lowest = options.lowest ?? 0n;
  }

  lowest(): bigint {
    return this.#lowest;
  }

  highest(): bigint | undefined {
    return this.#height > this.#lowest ? this.#height - 1n : undefined;
  }

  get(sequenceNumber: bigint): ProtoCheckpoint | undefined {
    if (sequenceNumber < this.#lowest || sequenceNumber >= this.#height) return undefined;
    return this.#generate(sequenceNumber);
  }

  /** Executes checkpoints up to `height - 1`, notifying subscribers of each. */
  advanceTo(height: bigint): void {
    while (this.#height < height) {
      this.#height += 1n;
      this.#listeners.notify(this.#height - 1n);
    }
  }

  /** Executes one checkpoint every `intervalMs` until `stop()` (or `maxHeight` is reached). */
  advanceEvery(intervalMs: number, maxHeight?: bigint): void {
    this.stop();
    this.#timer = setInterval(() => {
      if (maxHeight !== undefined && this.#height >= maxHeight) return this.stop();
      this.advanceTo(this.#height + 1n);
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  onCheckpoint(listener: (sequenceNumber: bigint) => void): () => void {
    return this.#listeners.add(listener);
  }
}

/**
 * Checkpoints kept as protobuf bytes, already masked with one read mask: a
 * million events take a few hundred megabytes instead of gigabytes of
 * objects, and requests with that mask are served without encoding anything
 * (benchmarks measure the indexer, not the fake node). Other masks work too,
 * through decoding.
 */
export class EncodedCheckpointStore implements CheckpointStore {
  readonly #encoded: Uint8Array[] = [];
  readonly #maskKey: string;
  readonly #listeners = new CheckpointListeners();
  readonly #first: bigint;
  #lastPaths: readonly string[] | undefined;
  #lastPathsMatch = false;

  /** `mask` is the read mask the stored bytes were masked with. */
  constructor(mask: readonly string[], first = 0n) {
    this.#maskKey = [...mask].sort().join(',');
    this.#first = first;
  }

  lowest(): bigint {
    return this.#first;
  }

  highest(): bigint | undefined {
    return this.#encoded.length === 0 ? undefined : this.#first + BigInt(this.#encoded.length - 1);
  }

  get(sequenceNumber: bigint): ProtoCheckpoint | undefined {
    const bytes = this.#bytes(sequenceNumber);
    return bytes && GrpcTypes.Checkpoint.fromBinary(bytes);
  }

  encoded(sequenceNumber: bigint, paths: readonly string[] | undefined): Uint8Array | undefined {
    if (!paths) return undefined;
    // A list call asks with the same paths for every checkpoint: compare them once.
    if (paths !== this.#lastPaths) {
      this.#lastPaths = paths;
      this.#lastPathsMatch = [...paths].sort().join(',') === this.#maskKey;
    }
    return this.#lastPathsMatch ? this.#bytes(sequenceNumber) : undefined;
  }

  /** Executes the next checkpoint, given as its masked encoding. */
  append(bytes: Uint8Array): void {
    this.#encoded.push(bytes);
    this.#listeners.notify(this.highest()!);
  }

  onCheckpoint(listener: (sequenceNumber: bigint) => void): () => void {
    return this.#listeners.add(listener);
  }

  #bytes(sequenceNumber: bigint): Uint8Array | undefined {
    const index = sequenceNumber - this.#first;
    return index < 0n ? undefined : this.#encoded[Number(index)];
  }
}
