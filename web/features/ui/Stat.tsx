/** A labelled figure in a grid of stats (`<dl>` semantics). */
import type { ReactNode } from 'react';

export function Stat({
  label,
  children,
  hint,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <dl className="stat" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        {children}
        {hint ? <small>{hint}</small> : null}
      </dd>
    </dl>
  );
}

export function Notice({
  tone = 'info',
  title,
  children,
  role,
}: {
  tone?: 'info' | 'warning' | 'critical' | 'error' | 'ok';
  title?: ReactNode;
  children: ReactNode;
  role?: 'status' | 'alert';
}) {
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {title ? <strong>{title}</strong> : null}
      {children}
    </div>
  );
}

export function Progress({
  value,
  label,
  marker,
  start,
  end,
}: {
  value: number;
  label: string;
  marker?: number;
  start?: ReactNode;
  end?: ReactNode;
}) {
  const percent = Math.max(0, Math.min(1, value)) * 100;
  return (
    <div className="progress">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
        {marker !== undefined ? (
          <div className="progress__marker" style={{ left: `${marker * 100}%` }} aria-hidden="true" />
        ) : null}
      </div>
      {start || end ? (
        <div className="progress__labels">
          <span>{start}</span>
          <span>{end}</span>
        </div>
      ) : null}
    </div>
  );
}
