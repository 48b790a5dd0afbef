import { useTranslation } from 'react-i18next';
import { useSectionLabel } from '../workspace/labels.ts';
import { isPhysician, useWorkflowContext } from './WorkflowContext.tsx';

/**
 * Disagreements that outlasted the persistence rule (docs/domain.md), listed with
 * a prompt to escalate them into the dispute route.
 */
export function PersistentBanner({ onOpenSection }: { onOpenSection: (sectionId: string) => void }) {
  const { t } = useTranslation();
  const { workflow, sections, myRole, escalate } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const persistent = sections.filter((s) => workflow?.persistent.includes(s.id));
  if (!workflow || persistent.length === 0) return null;
  return (
    <section className="persistent-banner" aria-labelledby="persistent-heading" data-testid="persistent-banner">
      <h2 id="persistent-heading">{t('workflow.persistentBanner.heading')}</h2>
      <p>{t('workflow.persistentBanner.rule', { sessions: workflow.persistence.sessions, days: workflow.persistence.days })}</p>
      <ul>
        {persistent.map((section) => (
          <li key={section.id}>
            <button type="button" className="link-button" onClick={() => onOpenSection(section.id)}>
              {sectionLabel(section)}
            </button>
          </li>
        ))}
      </ul>
      {isPhysician(myRole) && (
        <p>
          <button
            type="button"
            className="button--danger"
            onClick={() =>
              escalate(
                persistent.map((s) => s.id),
                'persistent',
              )
            }
          >
            {t('workflow.persistentBanner.escalate')}
          </button>
        </p>
      )}
    </section>
  );
}
