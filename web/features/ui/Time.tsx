/** Dates in UTC, with a machine-readable `<time>`; a missing date reads "—". */

const formatter = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function formatDate(value: string | Date): string {
  return `${formatter.format(typeof value === 'string' ? new Date(value) : value)} UTC`;
}

export function DateTime({ value, prefix }: { value: string | Date | null | undefined; prefix?: string }) {
  if (!value) return <span className="muted">—</span>;
  const date = typeof value === 'string' ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()}>
      {prefix}
      {formatDate(date)}
    </time>
  );
}
