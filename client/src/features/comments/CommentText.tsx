import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_CHARS } from '../../../../shared/limits.ts';

interface Props {
  /** The field's label (visible to screen readers only: the surroundings say what it is for). */
  label: string;
  submitText: string;
  initial?: string;
  busy: boolean;
  autoFocus?: boolean;
  onSubmit(text: string): Promise<boolean>;
  /** Shows a cancel button. */
  onCancel?: () => void;
  testId: string;
  rows?: number;
}

/** A comment to write: a text field, Ctrl+Enter or the button sends it, Escape cancels. */
export function CommentText({ label, submitText, initial = '', busy, autoFocus = false, onSubmit, onCancel, testId, rows = 2 }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initial);

  useEffect(() => {
    if (autoFocus) field.current?.focus();
  }, [autoFocus]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim() || busy) return;
    if (await onSubmit(text.trim())) setText('');
  };
  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="comment-form" onSubmit={submit} data-testid={testId}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea id={id} ref={field} rows={rows} value={text} maxLength={MAX_COMMENT_CHARS} onChange={(event) => setText(event.target.value)} onKeyDown={keys} />
      <div className="comment-form__buttons">
        <button type="submit" disabled={busy || !text.trim()}>
          {submitText}
        </button>
        {onCancel && (
          <button type="button" className="button--secondary" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
