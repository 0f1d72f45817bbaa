'use client';
/**
 * A modal for one action: the form, then the transaction's review and status.
 * Native `<dialog>`: focus is trapped, Escape closes, the page behind is inert.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function TxDialog({
  title,
  open,
  onClose,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="modal" aria-labelledby="tx-dialog-title" onClose={onClose} onCancel={onClose}>
      {open ? (
        <>
          <div className="modal__head">
            <h2 id="tx-dialog-title">{title}</h2>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onClose}
              aria-label="Close"
            >
              Close
            </button>
          </div>
          <div className="modal__body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
