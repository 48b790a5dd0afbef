import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';

/** Runs one admin request at a time and keeps its refusal. */
export function useAdminAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T,>(action: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'generic', String(caught)));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(null) };
}

/** A refusal: a rule of administration by name, bad input with the server's words (they name the field), else generic. */
export function AdminError({ error }: { error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const key = `admin.errors.${error.id}`;
  const known = /^[\w.-]+$/.test(error.id) && typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
  const fallback = error.id === 'network' ? t('errors.network') : t('errors.generic');
  const text = known ? t(key) : error.id === 'bad_request' ? `${t('errors.bad_request')} (${error.message})` : fallback;
  return (
    <p role="alert" className="error" data-error={error.id}>
      {text}
    </p>
  );
}
