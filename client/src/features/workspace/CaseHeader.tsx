import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api.ts';
import type { AccessRole, CaseRole } from '../../../../shared/roles.ts';
import { localDate, weekOfSickness } from '../../../../shared/sickness.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import type { DocPart } from '../../../../shared/docNames.ts';
import type { CaseClosure } from '../../../../shared/workflow/labourExpert.ts';
import { usePendingChanges, type ConnectionState } from '../../collab/useCaseDocuments.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import type { Presence } from '../../collab/usePresence.ts';
import { CommentsHeaderButton } from '../comments/index.ts';
import { ExportLinks } from '../history/ExportLinks.tsx';
import { PoortwachterTimeline } from '../poortwachter/PoortwachterTimeline.tsx';
import { useDateFormat, useSectionLabel } from './labels.ts';

interface Props {
  detail: CaseDetail;
  myRole: AccessRole;
  presence: Map<CaseRole, Presence>;
  sections: TemplateSection[];
  connection: ConnectionState;
  /** The case's documents, whose unconfirmed changes the connection indicator counts. */
  docs: Record<DocPart, CollabDoc | null>;
  /** Set once a physician closed the case. */
  closed: CaseClosure | null;
}

export const CaseHeader = memo(function CaseHeader({ detail, myRole, presence, sections, connection, docs, closed }: Props) {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel();
  const formatDate = useDateFormat();
  const week = weekOfSickness(detail.firstSickDay, localDate(new Date()));
  const firstSickDay = formatDate(detail.firstSickDay);

  return (
    <header className="case-header card">
      <div className="case-header__title">
        <h1 id="case-heading">{detail.title}</h1>
        {closed && (
          <span className="badge" data-testid="case-header-closed">
            {t('labourExpert.closing.closed', { reason: t(`labourExpert.closing.reasons.${closed.reason}`), at: formatDate(localDate(new Date(closed.at))) })}
          </span>
        )}
        <CommentsHeaderButton />
        <ConnectionIndicator connection={connection} docs={docs} />
      </div>
      <dl className="case-header__facts">
        <div>
          <dt>{t('case.employee')}</dt>
          <dd>{detail.employeePseudonym}</dd>
        </div>
        <div>
          <dt>{t('case.employer')}</dt>
          <dd>{detail.employer}</dd>
        </div>
        <div>
          <dt>{t('case.firstSickDay')}</dt>
          <dd>
            {firstSickDay} · <strong data-testid="sickness-week">{week ? t('case.week', { week }) : t('case.notYetSick')}</strong>
          </dd>
        </div>
      </dl>
      <PoortwachterTimeline firstSickDay={detail.firstSickDay} />
      <ul className="physicians" aria-label={t('case.physicians')}>
        {(['ba', 'va'] as const).map((role) => {
          const member = detail.members.find((m) => m.caseRole === role);
          const here = presence.get(role);
          const section = here?.section ? sections.find((s) => s.id === here.section) : undefined;
          return (
            <li key={role} className="physician" data-testid={`presence-${role}`} data-online={here ? 'true' : 'false'} data-section={here?.section ?? ''}>
              <span className="presence-dot" style={{ backgroundColor: here ? here.user.color : undefined }} aria-hidden="true" />
              <span>
                <strong>{member?.name ?? '—'}</strong> ({t(`roles.${role}`).toLowerCase()}
                {role === myRole ? `, ${t('case.you')}` : ''}) — {here ? t('case.present') : role === myRole ? t('workspaceUi.selfOffline') : t('case.absent')}
                {section && ` · ${t('case.inSection', { section: sectionLabel(section) })}`}
              </span>
            </li>
          );
        })}
      </ul>
      {(myRole === 'ba' || myRole === 'va') && <ExportLinks caseId={detail.id} compact />}
    </header>
  );
});

function ConnectionIndicator({ connection, docs }: { connection: ConnectionState; docs: Record<DocPart, CollabDoc | null> }) {
  const { t } = useTranslation();
  const { pending, unsavedSections } = usePendingChanges(docs);
  // Sections, not keystrokes: what a physician can go and look at.
  const unsaved = unsavedSections > 0 ? t('workspaceUi.unsavedSections', { count: unsavedSections }) : t('workspaceUi.unsavedSome');
  return (
    <p
      className={`connection connection--${connection}`}
      data-testid="connection-indicator"
      data-state={connection}
      data-pending={pending}
      data-unsaved-sections={unsavedSections}
    >
      <span className="connection__dot" aria-hidden="true" />
      {/* Only the state is announced: the count changes with every keystroke. */}
      <span role="status">
        <span className="visually-hidden">{t('connection.label')}: </span>
        {t(`connection.${connection}`)}
      </span>
      <span className="connection__pending" data-testid="connection-pending">
        {' · '}
        {pending > 0 ? unsaved : t('workspaceUi.allSaved')}
      </span>
    </p>
  );
}
