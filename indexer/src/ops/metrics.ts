/**
 * The indexer's Prometheus metrics (served at `/metrics`): how far behind
 * the chain it is, how much it ingests, how long commits take, and what goes
 * wrong (retries, stream resets, dead letters). Rates such as rows/s come from
 * the counters (`rate(tusk_indexer_rows_committed_total[1m])`).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class IndexerMetrics {
  readonly registry = new Registry();

  readonly chainTip = new Gauge({
    name: 'tusk_indexer_chain_tip_checkpoint',
    help: 'Latest checkpoint the full node reported',
    registers: [this.registry],
  });
  readonly committed = new Gauge({
    name: 'tusk_indexer_committed_checkpoint',
    help: 'Last checkpoint committed, per pipeline',
    labelNames: ['pipeline'],
    registers: [this.registry],
  });
  readonly lag = new Gauge({
    name: 'tusk_indexer_lag_checkpoints',
    help: 'Chain tip minus the last checkpoint every pipeline committed',
    registers: [this.registry],
  });
  readonly checkpoints = new Counter({
    name: 'tusk_indexer_checkpoints_total',
    help: 'Checkpoints read and processed',
    registers: [this.registry],
  });
  readonly events = new Counter({
    name: 'tusk_indexer_events_total',
    help: 'Tusk events decoded',
    registers: [this.registry],
  });
  readonly rows = new Counter({
    name: 'tusk_indexer_rows_committed_total',
    help: 'Rows committed, per pipeline',
    labelNames: ['pipeline'],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'tusk_indexer_batch_commit_seconds',
    help: 'Time to commit one batch (rows and watermark in one transaction), per pipeline',
    labelNames: ['pipeline'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'tusk_indexer_dead_letters_total',
    help: 'Events of our packages that failed to decode (kept in dead_letters)',
    registers: [this.registry],
  });
  readonly rpcRetries = new Counter({
    name: 'tusk_indexer_rpc_retries_total',
    help: 'Full-node calls retried after an error, per operation',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly streamResets = new Counter({
    name: 'tusk_indexer_stream_resets_total',
    help: 'Live checkpoint subscriptions that ended and were reopened',
    registers: [this.registry],
  });
  readonly dbRetries = new Counter({
    name: 'tusk_indexer_db_retries_total',
    help: 'Batch commits retried after a database error, per pipeline',
    labelNames: ['pipeline'],
    registers: [this.registry],
  });
  readonly restarts = new Counter({
    name: 'tusk_indexer_restarts_total',
    help: 'Times the indexer restarted from its watermarks after a failure',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'tusk_indexer_' });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
