/**
 * One line a person can act on, from an error chain: drizzle wraps a driver
 * error in "Failed query: <the whole SQL>", fetch wraps a refused connection
 * in "fetch failed"; the reason is the innermost cause (with its code).
 */
export function describeError(error: unknown): string {
  let innermost: unknown = error;
  for (let depth = 0; depth < 8; depth++) {
    const cause = (innermost as { cause?: unknown } | undefined)?.cause;
    if (!cause || typeof cause !== 'object') break;
    innermost = cause;
  }
  const { message, code } = (innermost ?? {}) as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' && message.length > 0 ? message : String(innermost);
  const firstLine = text.split('\n')[0]!.trim();
  return typeof code === 'string' && !firstLine.includes(code) ? `${firstLine} (${code})` : firstLine;
}
