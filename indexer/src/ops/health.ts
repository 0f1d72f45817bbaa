/**
 * `/health`: healthy when the database answers, the full node answers, and
 * the indexer is not too far behind the chain. Each check has a timeout so a
 * hung dependency reads as unhealthy instead of hanging the probe.
 */

export interface HealthChecks {
  /** Resolves when the database answers a trivial query. */
  pingDatabase(): Promise<void>;
  /** Resolves with the chain tip when the full node answers. */
  pingRpc(): Promise<bigint | undefined>;
  /** Current lag in checkpoints (undefined while unknown). */
  lag(): bigint | undefined;
  maxLag: bigint;
  timeoutMs?: number;
}

export interface HealthReport {
  healthy: boolean;
  database: { ok: boolean; error?: string };
  rpc: { ok: boolean; chainTip?: string; error?: string };
  lag: { ok: boolean; checkpoints?: string; max: string };
}

export async function checkHealth(checks: HealthChecks): Promise<HealthReport> {
  const timeoutMs = checks.timeoutMs ?? 2_000;
  const [database, rpc] = await Promise.all([
    withTimeout(checks.pingDatabase(), timeoutMs, 'database'),
    withTimeout(checks.pingRpc(), timeoutMs, 'full node'),
  ]);
  const lag = checks.lag();
  // Unknown lag (just started, nothing committed yet) is not a failure by itself.
  const lagOk = lag === undefined || lag <= checks.maxLag;
  const report: HealthReport = {
    healthy: database.ok && rpc.ok && lagOk,
    database: database.ok ? { ok: true } : { ok: false, error: database.error },
    rpc: rpc.ok ? { ok: true, chainTip: rpc.value?.toString() } : { ok: false, error: rpc.error },
    lag: { ok: lagOk, checkpoints: lag?.toString(), max: checks.maxLag.toString() },
  };
  return report;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `${what} did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([promise.then((value): Outcome<T> => ({ ok: true, value })), timeout]);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
