import { useTranslation } from 'react-i18next';
import type { ConsultationSession } from '../../../../shared/workflow/types.ts';
import type { ApiError } from '../../api.ts';
import { useErrorText } from '../workflow/ErrorMessage.tsx';
import { useDateTimeFormat } from '../workspace/labels.ts';

/** When a session takes place: "3 maart 2026 om 14:00–14:30 (30 min.)". */
export function useSessionWhen(): (session: Pick<ConsultationSession, 'scheduledAt' | 'durationMinutes'>) => string {
  const { t, i18n } = useTranslation();
  const formatStart = useDateTimeFormat();
  return ({ scheduledAt, durationMinutes }) => {
    const end = new Date(Date.parse(scheduledAt) + durationMinutes * 60_000).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
      timeStyle: 'short',
    });
    return t('sessions.when', { start: formatStart(scheduledAt), end, minutes: durationMinutes });
  };
}

/**
 * The refusal of a session command in the interface language: the session
 * rules by name (sessions.errors.*, sessionAnswers.errors.*), then the general ones (errors.*).
 */
export function useSessionErrorText(): (error: ApiError) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  return (error) => {
    if (!/^[\w.-]+$/.test(error.id)) return general(error);
    const key = [`sessions.errors.${error.id}`, `sessionAnswers.errors.${error.id}`].find(
      (candidate) => typeof i18n.getResource(i18n.language, 'translation', candidate) === 'string',
    );
    return key ? t(key) : general(error);
  };
}

export function SessionError({ error, testId }: { error: ApiError | null; testId?: string }) {
  const text = useSessionErrorText();
  if (!error) return null;
  return (
    <p role="alert" className="error" data-testid={testId} data-error={error.id}>
      {text(error)}
    </p>
  );
}
