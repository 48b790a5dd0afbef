import { useEffect, useId, useRef, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import type { Command } from './WorkflowContext.tsx';

interface Props {
  title: string;
  /** The dialog was closed (Escape, Cancel, or after a successful submit). */
  onClose: () => void;
  /** Runs on submit; the dialog closes when it resolves to true. */
  onSubmit: () => Promise<boolean>;
  submitLabel: string;
  /** The command the dialog submits: its busy state disables the submit, its refusal shows under the fields. */
  command: Pick<Command, 'busy' | 'error'>;
  /** How the refusal reads (the sessions have their own texts); ErrorMessage by default. */
  errorView?: (props: { error: ApiError | null; testId?: string }) => ReactNode;
  errorTestId?: string;
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
export function FormDialog({
  title,
  onClose,
  onSubmit,
  submitLabel,
  command,
  errorView: ErrorView = ErrorMessage,
  errorTestId,
  children,
  testId,
  returnFocusTo,
}: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModal(ref, returnFocusTo);

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
        <ErrorView error={command.error} testId={errorTestId} />
        <div className="dialog__actions">
          <button type="submit" disabled={command.busy}>
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

/** Opens the dialog as a modal while mounted; on unmount closes it and gives focus back. */
function useModal(ref: RefObject<HTMLDialogElement | null>, returnFocusTo: string | undefined): void {
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
}
