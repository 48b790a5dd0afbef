import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  /** The dialog was closed (Escape, Cancel, or after a successful submit). */
  onClose: () => void;
  /** Runs on submit; the dialog closes when it resolves to true. */
  onSubmit: () => Promise<boolean>;
  submitLabel: string;
  busy: boolean;
  children: ReactNode;
  testId?: string;
  /** Where focus goes when the control that opened the dialog is gone after the submit (an element id). */
  returnFocusTo?: string;
}

/**
 * A modal form in a native <dialog>: the browser traps focus inside it and
 * closes it on Escape; mounted means open. Focus returns to the control that
 * opened it.
 */
export function FormDialog({ title, onClose, onSubmit, submitLabel, busy, children, testId, returnFocusTo }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Back to the opener, unless focus has moved on to something the submit brought (a new dispute, say).
      // The command's new state is on the page by now, so an opener it removed is gone.
      const focused = document.activeElement;
      if (focused && focused !== document.body && !dialog.contains(focused)) return;
      const target = opener?.isConnected ? opener : returnFocusTo ? document.getElementById(returnFocusTo) : null;
      target?.focus();
    };
    // Once per mount (mounted means open); returnFocusTo does not change while a dialog is open.
  }, []);

  // React's StrictMode mounts twice in development: a close queued by the first unmount must not close the second.
  const closed = () => {
    if (!ref.current?.open) onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit()) ref.current?.close();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={closed} data-testid={testId}>
      <form className="dialog__form" onSubmit={submit}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
        <div className="dialog__actions">
          <button type="submit" disabled={busy}>
            {submitLabel}
          </button>
          <button type="button" className="button--secondary" onClick={() => ref.current?.close()}>
            {t('workflow.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
