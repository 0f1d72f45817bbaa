/**
 * The WAL amount field of every transaction dialog (stake, withdraw, split,
 * proposal deposit): the text as typed, checked by `parseWal` on every
 * keystroke, its error shown under the field at once. A dialog keeps its
 * review button disabled until `checkWalAmount` gives a value, so an amount
 * the parser refused ("1,5", "0,5") can never reach a transaction.
 */
import type { ReactNode } from 'react';
import { parseWal, type ParseWalOptions } from '@tusk/shared/format';
import { FormField } from './FormField.tsx';

export interface WalAmountCheck {
  /** The amount in FROST, when the text is a valid amount. */
  value: bigint | null;
  /** What to fix, when the text is not empty and not a valid amount. */
  error: string | null;
}

/** Checks typed WAL text; empty text is neither a value nor an error (the field's hint says what to type). */
export function checkWalAmount(text: string, options: ParseWalOptions): WalAmountCheck {
  if (text.trim() === '') return { value: null, error: null };
  const parsed = parseWal(text, options);
  return parsed.ok ? { value: parsed.value, error: null } : { value: null, error: parsed.error };
}

export function WalAmountField({
  id,
  label = 'Amount (WAL)',
  value,
  onChange,
  error,
  hint,
  disabled,
}: {
  /** The input's id; the hint and error get `${id}-hint` and `${id}-error` (the error's also its test id). */
  id: string;
  label?: string;
  value: string;
  onChange: (text: string) => void;
  error: string | null;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
