/**
 * Tells database errors worth retrying (the server went away, restarted, or
 * asked us to try again) from errors that will happen again (a bug, a
 * constraint). drizzle wraps driver errors, so the whole `cause` chain is read.
 */

const transientSqlStates = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
const transientNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const transientMessages =
  /Connection terminated|connection error|terminating connection|Client was closed|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i;

export function isTransientDbError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (transientSqlStates.has(code) || code.startsWith('08') || transientNodeCodes.has(code))
    ) {
      return true;
    }
    if (typeof message === 'string' && transientMessages.test(message)) return true;
  }
  return false;
}
