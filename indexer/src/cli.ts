/**
 * `npm run indexer -- [options]`: the indexer from the command line. See
 * `--help` (ops/cliOptions.ts) for the options; the service itself is
 * ops/indexerService.ts. Exit codes: 0 done or stopped by a signal, 1 failed,
 * 2 bad usage.
 */
import { loadDeployment } from '@tusk/shared/deploymentFile';
import { HELP, parseCli, UsageError } from './ops/cliOptions.ts';
import { runIndexerService } from './ops/indexerService.ts';
import { describeError } from './ops/describeError.ts';
import { createLogger } from './ops/logger.ts';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2), process.env, loadDeployment());
  } catch (error) {
    process.stderr.write(`${error instanceof UsageError ? error.message : String(error)}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { config } = parsed;
  const logger = createLogger({ level: config.logLevel });

  const shutdown = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (shutdown.signal.aborted) {
      logger.warn({ signal: name }, 'second signal: exiting without waiting');
      process.exit(130);
    }
    logger.info({ signal: name }, 'shutting down: finishing the batch in flight');
    shutdown.abort(new Error(`received ${name}`));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    const outcome = await runIndexerService({ config, logger, signal: shutdown.signal });
    logger.info({ stoppedBy: outcome.stoppedBy }, 'indexer exited cleanly');
    return 0;
  } catch (error) {
    logger.fatal({ err: error }, 'indexer failed');
    // The JSON line above is for log pipelines; a person at a terminal gets the reason in one line.
    process.stderr.write(`indexer failed: ${describeError(error)}\n`);
    return 1;
  }
}

// Exit explicitly: idle keep-alive sockets of the RPC client must not hold the process open.
process.exit(await main());
