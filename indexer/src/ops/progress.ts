/**
 * Where indexing stands: the chain tip, what each pipeline committed, and
 * recent throughput. One object fed by the source and the core's hooks and
 * read by the progress display, `/metrics` and `/health`.
 */

interface Sample {
  atMs: number;
  checkpoints: number;
  events: number;
}

export interface ProgressSnapshot {
  /** Last checkpoint every pipeline committed (undefined before the first commit). */
  committed: bigint | undefined;
  /** Where backfill is heading: the end checkpoint, else the chain tip. */
  target: bigint | undefined;
  chainTip: bigint | undefined;
  /** Chain tip minus committed (undefined while either is unknown). */
  lag: bigint | undefined;
  checkpointsPerSecond: number;
  eventsPerSecond: number;
  /** Seconds until `target` at the current rate (undefined when unknown or idle). */
  etaSeconds: number | undefined;
  totalCheckpoints: number;
  totalEvents: number;
}

export class IndexingProgress {
  chainTip: bigint | undefined;
  readonly #pipelines: readonly string[];
  readonly #end: bigint | undefined;
  readonly #committed = new Map<string, bigint>();
  readonly #windowMs: number;
  readonly #samples: Sample[] = [];
  #checkpoints = 0;
  #events = 0;

  constructor(options: { pipelines: readonly string[]; end?: bigint; windowMs?: number }) {
    this.#pipelines = options.pipelines;
    this.#end = options.end;
    this.#windowMs = options.windowMs ?? 10_000;
  }

  noteChainTip(sequenceNumber: bigint): void {
    if (this.chainTip === undefined || sequenceNumber > this.chainTip) this.chainTip = sequenceNumber;
  }

  noteCommitted(pipeline: string, checkpoint: bigint): void {
    this.#committed.set(pipeline, checkpoint);
  }

  /** Watermarks read at (re)start, so progress counts from where the database is. */
  noteWatermarks(watermarks: ReadonlyMap<string, bigint>): void {
    for (const [pipeline, checkpoint] of watermarks) this.#committed.set(pipeline, checkpoint);
  }

  noteProcessed(events: number, nowMs = Date.now()): void {
    this.#checkpoints += 1;
    this.#events += events;
    const last = this.#samples.at(-1);
    // One sample per 100 ms is plenty for a rate over seconds.
    if (last && nowMs - last.atMs < 100) {
      last.checkpoints = this.#checkpoints;
      last.events = this.#events;
    } else {
      this.#samples.push({ atMs: nowMs, checkpoints: this.#checkpoints, events: this.#events });
    }
    while (this.#samples.length > 2 && nowMs - this.#samples[0]!.atMs > this.#windowMs) this.#samples.shift();
  }

  committed(): bigint | undefined {
    let min: bigint | undefined;
    for (const pipeline of this.#pipelines) {
      const checkpoint = this.#committed.get(pipeline);
      if (checkpoint === undefined) return undefined;
      if (min === undefined || checkpoint < min) min = checkpoint;
    }
    return min;
  }

  snapshot(nowMs = Date.now()): ProgressSnapshot {
    const committed = this.committed();
    const target = this.#end ?? this.chainTip;
    const first = this.#samples[0];
    const elapsedS = first ? (nowMs - first.atMs) / 1000 : 0;
    const checkpointsPerSecond = first && elapsedS > 0.5 ? (this.#checkpoints - first.checkpoints) / elapsedS : 0;
    const eventsPerSecond = first && elapsedS > 0.5 ? (this.#events - first.events) / elapsedS : 0;
    const remaining = target !== undefined ? Number(target - (committed ?? -1n)) : undefined;
    return {
      committed,
      target,
      chainTip: this.chainTip,
      lag: this.chainTip !== undefined && committed !== undefined ? this.chainTip - committed : undefined,
      checkpointsPerSecond,
      eventsPerSecond,
      etaSeconds:
        remaining !== undefined && remaining > 0 && checkpointsPerSecond > 0
          ? remaining / checkpointsPerSecond
          : undefined,
      totalCheckpoints: this.#checkpoints,
      totalEvents: this.#events,
    };
  }
}
