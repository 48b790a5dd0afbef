import { useTranslation } from 'react-i18next';
import { isPhysician, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useSectionLabel } from '../workspace/labels.ts';
import { useSessionPresence } from './useSessionPresence.ts';
import './sessions.css';

/**
 * Outside the sessions view: a session of this case is live, and which item
 * it is on, with the way back to it. The live region is always there, so a
 * session that starts meanwhile is announced. A physician who went to a
 * section (to propose or sign, say) is still present in the session.
 */
export function LiveSessionBanner({ onShow }: { onShow: () => void }) {
  const { t } = useTranslation();
  const { caseId, myRole, workflow, sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const live = workflow?.sessions.find((s) => s.status === 'live');
  useSessionPresence(caseId, live && isPhysician(myRole) ? live.id : null);
  const current = live?.currentItem ? sections.find((s) => s.id === live.currentItem) : undefined;
  return (
    <div role="status" className={live ? 'live-banner' : undefined} data-testid="live-session-banner" data-live={String(!!live)}>
      {live && (
        <p>
          <strong>{t('sessions.banner.live')}</strong>
          {current && ` ${t('sessions.banner.now', { section: sectionLabel(current) })}`}{' '}
          <button type="button" className="link-button" onClick={onShow}>
            {t('sessions.banner.show')}
          </button>
        </p>
      )}
    </div>
  );
}
