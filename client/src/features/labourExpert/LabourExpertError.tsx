import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.ts';
import { useErrorText } from '../workflow/ErrorMessage.tsx';

/** A refusal: the labour expert's and the closing's rules by name (labourExpert.errors.*), then the general ones. */
export function LabourExpertError({ error }: { error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  if (!error) return null;
  const key = `labourExpert.errors.${error.id}`;
  const known = /^[\w.-]+$/.test(error.id) && typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
  return (
    <p role="alert" className="error" data-testid="labour-expert-error" data-error={error.id}>
      {known ? t(key) : general(error)}
    </p>
  );
}
