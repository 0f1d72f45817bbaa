/**
 * One labelled control of a form, with its hint and its error underneath —
 * the field every dialog repeats. The control is rendered by `children` with
 * the props that wire it to its label and messages (`id`, `aria-describedby`
 * naming the hint and error shown, `aria-invalid` while there is an error), so
 * a screen reader reads the hint and the error with the field.
 * The hint's id is `${id}-hint`; the error's is `${id}-error`, also its test id.
 */
import type { ReactNode } from 'react';

/** Spread these onto the input, select or textarea. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  /** What to type or what the choice means; `.hint` spans inside it start new lines. */
  hint?: ReactNode;
  /** What to fix, shown at once and announced. */
  error?: string | null;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert" data-testid={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A `FormField` with a one-line text input: numbers typed as text (`inputMode` picks the keypad). */
export function TextField({
  id,
  label,
  hint,
  inputMode,
  value,
  disabled,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  inputMode: 'numeric' | 'decimal' | 'text';
  value: string;
  disabled: boolean;
  onChange: (text: string) => void;
}) {
  return (
    <FormField id={id} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode={inputMode}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
