import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseMember } from '../../../../shared/api.ts';
import type { DocPart } from '../../../../shared/docNames.ts';
import type { ConsultationSession } from '../../../../shared/workflow/types.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { isPhysician, useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { LiveItem } from './LiveItem.tsx';
import { ConcludeDialog } from './SessionDialogs.tsx';
import { SessionError, useSessionWhen } from './sessionLabels.tsx';
import { sessionsApi } from './sessionsApi.ts';
import { useSessionPresence, type PresentUser } from './useSessionPresence.ts';

export const LIVE_HEADING_ID = 'live-session-heading';

interface Props {
  session: ConsultationSession;
  members: CaseMember[];
  docs: Record<DocPart, CollabDoc | null>;
  onOpenSection: (sectionId: string) => void;
}

/**
 * A live session (docs/domain.md): who is present, the agenda with one current
 * item that both screens follow, the item's positions and workflow, and the
 * outcome per item. Either physician moves the session on; the server's push
 * brings the other screen along.
 */
export function LiveSession({ session, members, docs, onOpenSection }: Props) {
  const { t } = useTranslation();
  const { caseId, myRole, sections } = useWorkflowContext();
  const physician = isPhysician(myRole);
  const present = useSessionPresence(caseId, physician ? session.id : null);
  const sectionLabel = useSectionLabel();
  const move = useCommand();
  const [concluding, setConcluding] = useState(false);
  const index = session.agenda.findIndex((item) => item.section === session.currentItem);
  const current = index >= 0 ? session.agenda[index]! : null;
  const currentSection = current ? sections.find((s) => s.id === current.section) : undefined;

  // Follow the current item: whoever moved the session on, this screen brings the item into view.
  useEffect(() => {
    if (session.currentItem) document.getElementById('live-item')?.scrollIntoView({ block: 'nearest' });
  }, [session.currentItem]);

  const select = (section: string) => void move.run(() => sessionsApi.selectItem(caseId, session.id, section));

  return (
    <section
      className="card live-session"
      aria-labelledby={LIVE_HEADING_ID}
      data-testid="live-session"
      data-session-id={session.id}
      data-current={session.currentItem ?? ''}
    >
      <LiveHeader session={session} />
      <Presence members={members} present={present} physician={physician} />
      <p className="live-session__now" aria-live="polite" data-testid="live-now">
        {currentSection
          ? t('sessions.live.now', { number: index + 1, total: session.agenda.length, section: sectionLabel(currentSection) })
          : t('sessions.agenda.empty')}
      </p>
      <div className="live-session__body">
        <LiveAgenda session={session} physician={physician} busy={move.busy} onSelect={select} />
        {current && currentSection && (
          <LiveItem
            key={current.section}
            session={session}
            item={current}
            section={currentSection}
            number={index + 1}
            docs={docs}
            onOpenSection={onOpenSection}
          />
        )}
      </div>
      {physician && <LiveControls session={session} index={index} busy={move.busy} onSelect={select} onConclude={() => setConcluding(true)} />}
      <SessionError error={move.error} testId="live-error" />
      {concluding && <ConcludeDialog session={session} onClose={() => setConcluding(false)} />}
    </section>
  );
}

/** The session's heading, that it is live, and who started it when. */
function LiveHeader({ session }: { session: ConsultationSession }) {
  const { t } = useTranslation();
  const when = useSessionWhen();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  return (
    <>
      <div className="session__header">
        <h3 id={LIVE_HEADING_ID} tabIndex={-1}>
          {t('sessions.live.heading', { when: when(session) })}
        </h3>
        <span className="status-chip session-chip--live">{t('sessions.status.live')}</span>
      </div>
      {session.started && <p className="muted small">{t('sessions.live.startedBy', { who: actor(session.started.by), at: formatTime(session.started.at) })}</p>}
    </>
  );
}

interface AgendaProps {
  session: ConsultationSession;
  physician: boolean;
  busy: boolean;
  onSelect: (section: string) => void;
}

/** The agenda, the current item marked; a physician moves the session to an item from here. */
function LiveAgenda({ session, physician, busy, onSelect }: AgendaProps) {
  const { t } = useTranslation();
  const { sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const labelOf = (id: string) => {
    const section = sections.find((s) => s.id === id);
    return section ? sectionLabel(section) : id;
  };
  return (
    <nav aria-label={t('sessions.live.agenda')} className="live-agenda">
      <ol>
        {session.agenda.map((item) => {
          const isCurrent = item.section === session.currentItem;
          return (
            <li
              key={item.section}
              data-testid={`agenda-item-${item.section}`}
              data-current={String(isCurrent)}
              data-outcome={item.outcome ?? ''}
              className={isCurrent ? 'live-agenda__item live-agenda__item--current' : 'live-agenda__item'}
            >
              {physician ? (
                <button
                  type="button"
                  className="link-button"
                  aria-current={isCurrent ? 'step' : undefined}
                  disabled={busy}
                  onClick={() => onSelect(item.section)}
                >
                  {labelOf(item.section)}
                </button>
              ) : (
                <span aria-current={isCurrent ? 'step' : undefined}>{labelOf(item.section)}</span>
              )}
              {item.outcome && (
                <span className={`outcome outcome--${item.outcome}`} data-testid={`agenda-outcome-${item.section}`}>
                  {' '}
                  {t(`sessions.outcome.${item.outcome}`)}
                </span>
              )}
              {item.notes && <span className="live-agenda__notes small">{item.notes}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

interface ControlsProps {
  session: ConsultationSession;
  index: number;
  busy: boolean;
  onSelect: (section: string) => void;
  onConclude: () => void;
}

/** Previous and next item, and concluding the session. */
function LiveControls({ session, index, busy, onSelect, onConclude }: ControlsProps) {
  const { t } = useTranslation();
  return (
    <p className="actions live-session__controls">
      <button type="button" className="button--secondary" disabled={busy || index <= 0} onClick={() => onSelect(session.agenda[index - 1]!.section)}>
        {t('sessions.live.previous')}
      </button>
      <button
        type="button"
        className="button--secondary"
        disabled={busy || index < 0 || index >= session.agenda.length - 1}
        onClick={() => onSelect(session.agenda[index + 1]!.section)}
      >
        {t('sessions.live.next')}
      </button>
      <button type="button" onClick={onConclude}>
        {t('sessions.actions.conclude')}
      </button>
    </p>
  );
}

/** Both physicians of the case, each present in the session or not. */
function Presence({ members, present, physician }: { members: CaseMember[]; present: PresentUser[] | null; physician: boolean }) {
  const { t } = useTranslation();
  // A reviewer does not take part, so sees no presence.
  if (!physician) return null;
  return (
    <ul className="session-presence" aria-label={t('sessions.live.presence')} data-testid="session-presence">
      {(['ba', 'va'] as const).map((role) => {
        const member = members.find((m) => m.caseRole === role);
        const here = !!member && !!present?.some((p) => p.userId === member.userId);
        return (
          <li key={role} data-testid={`session-presence-${role}`} data-present={String(here)}>
            <span className={here ? 'presence-dot presence-dot--here' : 'presence-dot'} aria-hidden="true" />
            <strong>{member?.name ?? '—'}</strong> ({t(`roles.${role}`).toLowerCase()}) — {here ? t('sessions.live.present') : t('sessions.live.absent')}
          </li>
        );
      })}
    </ul>
  );
}
