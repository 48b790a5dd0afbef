import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseMember } from '../../../../shared/api.ts';
import type { DocPart } from '../../../../shared/docNames.ts';
import type { ConsultationSession, SessionStatus } from '../../../../shared/workflow/types.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { isPhysician, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { LIVE_HEADING_ID, LiveSession } from './LiveSession.tsx';
import { SessionCard } from './SessionCard.tsx';
import { ScheduleDialog } from './SessionDialogs.tsx';
import './sessions.css';

interface Props {
  members: CaseMember[];
  docs: Record<DocPart, CollabDoc | null>;
  onOpenSection: (sectionId: string) => void;
}

const byStart = (a: ConsultationSession, b: ConsultationSession) => a.scheduledAt.localeCompare(b.scheduledAt);
const byConclusion = (a: ConsultationSession, b: ConsultationSession) => (b.concluded?.at ?? '').localeCompare(a.concluded?.at ?? '');

/** The order of the lists: what is coming first, then the history. */
const GROUPS = [
  { status: 'scheduled', order: byStart },
  { status: 'concluded', order: byConclusion },
  { status: 'cancelled', order: byStart },
] as const satisfies readonly { status: SessionStatus; order: (a: ConsultationSession, b: ConsultationSession) => number }[];

/**
 * The consultation sessions of a case (docs/domain.md): planning one with
 * an agenda proposed from the open disagreements, the live session, and the
 * history of concluded sessions with their minutes.
 */
export function SessionsPanel({ members, docs, onOpenSection }: Props) {
  const { t } = useTranslation();
  const { workflow, myRole } = useWorkflowContext();
  const [scheduling, setScheduling] = useState(false);
  const [focusLive, setFocusLive] = useState(0);

  // The physician who started the session goes on in the live panel; the other one is not pulled there.
  useEffect(() => {
    if (focusLive > 0) document.getElementById(LIVE_HEADING_ID)?.focus();
  }, [focusLive]);

  if (!workflow) return <p className="muted">{t('workflow.unavailable')}</p>;
  const live = workflow.sessions.find((s) => s.status === 'live');

  return (
    <section aria-labelledby="sessions-heading" className="sessions" data-testid="sessions-panel">
      <div className="card">
        <h2 id="sessions-heading" tabIndex={-1}>
          {t('sessions.heading')}
        </h2>
        <p className="muted">{t('sessions.intro')}</p>
        {isPhysician(myRole) && (
          <p className="actions">
            <button type="button" onClick={() => setScheduling(true)}>
              {t('sessions.schedule.open')}
            </button>
          </p>
        )}
        {workflow.sessions.length === 0 && <p>{t('sessions.none')}</p>}
      </div>
      {live && <LiveSession key={live.id} session={live} members={members} docs={docs} onOpenSection={onOpenSection} />}
      {GROUPS.map(({ status, order }) => {
        const listed = workflow.sessions.filter((s) => s.status === status).sort(order);
        if (listed.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`sessions-${status}-heading`} className="sessions__group" data-testid={`sessions-${status}`}>
            <h3 id={`sessions-${status}-heading`}>{t(`sessions.groups.${status}`)}</h3>
            {listed.map((session) => (
              <SessionCard key={session.id} session={session} members={members} onStarted={() => setFocusLive((n) => n + 1)} />
            ))}
          </section>
        );
      })}
      {scheduling && <ScheduleDialog onClose={() => setScheduling(false)} />}
    </section>
  );
}
