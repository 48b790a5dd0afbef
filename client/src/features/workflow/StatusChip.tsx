import { useTranslation } from 'react-i18next';
import type { SectionStatus } from '../../../../shared/workflow/types.ts';

interface Props {
  status: SectionStatus;
  /** A disagreement that has lasted past the persistence rule. */
  persistent: boolean;
  testId: string;
}

/** A section's place in the workflow, in words and colour (the colour alone carries nothing). */
export function StatusChip({ status, persistent, testId }: Props) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-chip status-chip--${status}${persistent ? ' status-chip--persistent' : ''}`}
      data-testid={testId}
      data-status={status}
      data-persistent={String(persistent)}
    >
      <span className="visually-hidden">{t('workflow.statusLabel')}: </span>
      {t(`workflow.status.${status}`)}
      {persistent && ` · ${t('workflow.persistentShort')}`}
    </span>
  );
}
