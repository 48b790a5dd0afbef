import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';

const NONE: Readonly<Record<string, string>> = {};

export interface CommentAction {
  /** Runs one command; true when the server took it. */
  run(call: () => Promise<unknown>): Promise<boolean>;
  busy: boolean;
  /** The refusal, in the interface language. */
  error: string | null;
}

/**
 * One command at a time from one control, with its refusal kept for display.
 * `texts`: this control's own text for some error ids (translation keys).
 */
export function useCommentAction(texts: Readonly<Record<string, string>> = NONE): CommentAction {
  const { t } = useTranslation();
  const errorText = useCommentErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (call: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await call();
        return true;
      } catch (caught) {
        const refusal = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught));
        const own = texts[refusal.id];
        setError(own ? t(own) : errorText(refusal));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [errorText, texts, t],
  );
  return { run, busy, error };
}

/** A refusal: the comments' own rules by id, then the app's general ones, then a generic text. */
function useCommentErrorText(): (error: ApiError) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: ApiError) => {
      const known = (key: string) => /^[\w.-]+$/.test(error.id) && typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
      if (known(`comments.errors.${error.id}`)) return t(`comments.errors.${error.id}`);
      if (known(`errors.${error.id}`)) return t(`errors.${error.id}`);
      return t('errors.generic');
    },
    [t, i18n],
  );
}
