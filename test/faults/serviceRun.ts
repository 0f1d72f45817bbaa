/**
 * Runs the indexer service in this process (real HTTP to the fake node, a
 * real database), configured through the same CLI options operators use.
 */
import { parseCli } from '../../indexer/src/ops/cliOptions.ts';
import { runIndexerService, type ServiceOutcome } from '../../indexer/src/ops/indexerService.ts';
import { createLogger, type LogLevel } from '../../indexer/src/ops/logger.ts';

export function runService(
  args: string[],
  options: { signal?: AbortSignal; logLevel?: LogLevel } = {},
): Promise<ServiceOutcome> {
  const parsed = parseCli([...args, '--metrics-port', 'off'], {} as unknown as NodeJS.ProcessEnv, undefined);
  if (parsed.help) throw new Error('unexpected --help');
  return runIndexerService({
    config: parsed.config,
    logger: createLogger({ level: options.logLevel ?? 'silent' }),
    signal: options.signal ?? new AbortController().signal,
    backoff: { baseMs: 20, maxMs: 500, maxAttempts: Infinity },
  });
}
