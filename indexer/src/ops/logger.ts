/**
 * Structured logs: one JSON object per line on stdout (pino), with a level,
 * a time, and the fields of the event (`{"level":"warn","msg":"rpc retry",
 * "operation":"ListCheckpoints",...}`), so they can be shipped and queried.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(options: { level: LogLevel; name?: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      name: options.name ?? 'tusk-indexer',
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers, read better in a terminal and query the same.
      formatters: { level: (label) => ({ level: label }) },
      // bigints (checkpoint numbers, amounts) are not JSON; log them as decimal strings.
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args;
          if (first && typeof first === 'object')
            return method.apply(this, [bigintsToStrings(first), ...rest] as Parameters<typeof method>);
          return method.apply(this, args);
        },
      },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

function bigintsToStrings(value: object): object {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = typeof field === 'bigint' ? field.toString() : field;
  return out;
}
