import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.ts';

/** The refusal of a command in the interface language: known rules by name, the rest generically. */
export function useErrorText(): (error: ApiError) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const key = `errors.${error.id}`;
    return /^[\w.-]+$/.test(error.id) && typeof i18n.getResource(i18n.language, 'translation', key) === 'string' ? t(key) : t('errors.generic');
  };
}

export function ErrorMessage({ error, testId }: { error: ApiError | null; testId?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p role="alert" className="error" data-testid={testId} data-error={error.id}>
      {text(error)}
    </p>
  );
}
