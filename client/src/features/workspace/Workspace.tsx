import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PublicUser } from '../../../../shared/api.ts';
import { commentAccess } from '../../../../shared/permissions.ts';
import type { AccessRole } from '../../../../shared/roles.ts';
import { getTemplate, templateSections, type AssessmentTemplate } from '../../../../shared/template/index.ts';
import type { DisputeReason } from '../../../../shared/workflow/types.ts';
import { useAssessmentSummary } from '../../collab/useAssessment.ts';
import { ROLE_COLOR, useCaseDocuments, type PresenceUser } from '../../collab/useCaseDocuments.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { Link } from '../../router.tsx';
import { CommentsInbox, CommentsProvider, useCaseComments } from '../comments/index.ts';
import { LiveSessionBanner } from '../sessions/LiveSessionBanner.tsx';
import { SessionsPanel } from '../sessions/SessionsPanel.tsx';
import { DisputeFormDialog } from '../workflow/DisputeFormDialog.tsx';
import { DisputesPanel } from '../workflow/DisputesPanel.tsx';
import { PersistentBanner } from '../workflow/PersistentBanner.tsx';
import { ReviewerNotice } from '../workflow/ReviewerView.tsx';
import type { LiveWorkflow } from '../workflow/useWorkflow.ts';
import { WorkflowProvider, type WorkflowContextValue } from '../workflow/WorkflowContext.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { CollabNotices } from './CollabNotices.tsx';
import { COMMENTS, DISPUTES, GroupNav, OVERVIEW, SESSIONS } from './GroupNav.tsx';
import { OverviewMatrix } from './OverviewMatrix.tsx';
import { SectionCard } from './SectionCard.tsx';
import { useSectionKeys } from './useSectionKeys.ts';

interface Props {
  detail: CaseDetail;
  myRole: AccessRole;
  user: PublicUser;
  live: LiveWorkflow;
}

/** The assessment of one case, as both physicians work in it and a reviewer reads it (DESIGN §1, §5). */
export function Workspace({ detail, myRole, user, live }: Props) {
  const { t } = useTranslation();
  const template = getTemplate(detail.templateVersion);
  if (!template)
    return (
      <p role="alert" className="error">
        {t('case.failed')}
      </p>
    );
  return <TemplateWorkspace detail={detail} myRole={myRole} user={user} live={live} template={template} />;
}

type FocusRequest = { section: string } | { dispute: string };

function TemplateWorkspace({ detail, myRole, user, live, template }: Props & { template: AssessmentTemplate }) {
  const { t } = useTranslation();
  const sections = useMemo(() => templateSections(template), [template]);
  const sectionIds = useMemo(() => sections.map((s) => s.id), [sections]);
  const me = useMemo<PresenceUser>(() => ({ name: user.name, role: myRole, color: ROLE_COLOR[myRole] }), [user.name, myRole]);
  const { docs, connection, pending, notices } = useCaseDocuments(detail.id, myRole, user.id, me);
  const summary = useAssessmentSummary(docs, sectionIds);
  // A link to a session (the calendar file, the upcoming sessions) opens the sessions view.
  const [view, setView] = useState<string>(() => (new URLSearchParams(window.location.search).has('sessie') ? SESSIONS : template.groups[0]!.id));
  const [currentSection, setCurrentSection] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [escalation, setEscalation] = useState<{ sections: string[]; reason: DisputeReason } | null>(null);
  const presence = usePresence(docs.joint, currentSection);
  const comments = useCaseComments(detail.id, user.id);
  const { workflow, accept, recheck } = live;

  const goToSection = useCallback(
    (sectionId: string) => {
      const group = template.groups.find((g) => g.sections.some((s) => s.id === sectionId));
      if (!group) return;
      setView(group.id);
      setCurrentSection(sectionId);
      setFocusRequest({ section: sectionId });
    },
    [template],
  );

  const showDispute = useCallback((disputeId: string) => {
    setView(DISPUTES);
    setCurrentSection(null);
    setFocusRequest({ dispute: disputeId });
  }, []);

  // After a jump, bring the section's (or dispute's) heading into view and give it focus. The jump
  // renders its view in the same commit, so the heading exists; this runs once per jump, never again
  // when the physician later comes back to that view (which would pull focus out of the navigation).
  useEffect(() => {
    if (!focusRequest) return;
    const id = 'section' in focusRequest ? `section-${focusRequest.section}` : `dispute-${focusRequest.dispute}-heading`;
    const heading = document.getElementById(id);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [focusRequest]);

  // Choosing a view in the navigation leaves the section worked in: presence shows no section,
  // and the section keys start from the group now shown.
  const selectView = useCallback((next: string) => {
    setView(next);
    setCurrentSection(null);
    // A new group starts at its top, not at the scroll position of the previous one.
    const body = document.querySelector('.workspace__body');
    if (body && body.getBoundingClientRect().top < 0) body.scrollIntoView({ block: 'start' });
  }, []);

  const showComments = useCallback(() => selectView(COMMENTS), [selectView]);

  // A refused document connection may mean the access ended (a reviewer's dispute closed): ask the server.
  useEffect(() => {
    if (connection === 'refused') recheck();
  }, [connection, recheck]);

  const group = template.groups.find((g) => g.id === view);
  const shownIds = useMemo(() => group?.sections.map((s) => s.id) ?? [], [group]);
  useSectionKeys(sectionIds, currentSection ?? shownIds, goToSection);

  const escalate = useCallback((chosen: string[], reason: DisputeReason) => setEscalation({ sections: chosen, reason }), []);
  const context = useMemo<WorkflowContextValue>(
    () => ({ caseId: detail.id, userId: user.id, myRole, workflow, sections, joint: docs.joint, accept, escalate, showDispute }),
    [detail.id, user.id, myRole, workflow, sections, docs.joint, accept, escalate, showDispute],
  );
  const openDisputes = workflow?.disputes.filter((d) => d.stage !== 'closed').length ?? 0;
  const sessionLive = workflow?.sessions.some((s) => s.status === 'live') ?? false;

  return (
    <WorkflowProvider value={context}>
      <CommentsProvider comments={comments} userId={user.id} mayWrite={commentAccess(myRole) === 'rw'} goToSection={goToSection} showInbox={showComments}>
        <div className="workspace">
          <Link to="/" className="back-link">
            {t('case.back')}
          </Link>
          <CaseHeader detail={detail} myRole={myRole} presence={presence} sections={sections} connection={connection} pending={pending} />
          {myRole === 'reviewer' && <ReviewerNotice onShowDisputes={() => selectView(DISPUTES)} />}
          <div className="workspace__body">
            <GroupNav
              groups={template.groups}
              current={view}
              onSelect={selectView}
              openDisputes={openDisputes}
              sessionLive={sessionLive}
              unreadComments={comments.unread}
            />
            <div className="workspace__main">
              <p className="muted keyboard-hint">{t('case.keyboardHint')}</p>
              <CollabNotices notices={notices} sections={sections} />
              {live.status === 'unavailable' && !workflow && <p className="muted small">{t('workflow.unavailable')}</p>}
              <PersistentBanner onOpenSection={goToSection} />
              {view !== SESSIONS && <LiveSessionBanner onShow={() => selectView(SESSIONS)} />}
              {view === OVERVIEW ? (
                <OverviewMatrix sections={sections} summary={summary} onOpen={goToSection} />
              ) : view === DISPUTES ? (
                <DisputesPanel />
              ) : view === COMMENTS ? (
                <CommentsInbox sections={sections} />
              ) : view === SESSIONS ? (
                <SessionsPanel members={detail.members} docs={docs} onOpenSection={goToSection} />
              ) : (
                group?.sections.map((section) => (
                  <SectionCard key={section.id} section={section} myRole={myRole} docs={docs} onActive={() => setCurrentSection(section.id)} />
                ))
              )}
            </div>
          </div>
          {escalation && (
            <DisputeFormDialog
              initialSections={escalation.sections}
              initialReason={escalation.reason}
              onClose={() => setEscalation(null)}
              onOpened={showDispute}
            />
          )}
        </div>
      </CommentsProvider>
    </WorkflowProvider>
  );
}
