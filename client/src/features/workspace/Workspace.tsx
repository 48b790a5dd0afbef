import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PublicUser } from '../../../../shared/api.ts';
import { commentAccess } from '../../../../shared/permissions.ts';
import type { AccessRole } from '../../../../shared/roles.ts';
import { templateSections, type AssessmentTemplate, type TemplateGroup, type TemplateSection } from '../../../../shared/template/index.ts';
import type { DisputeReason } from '../../../../shared/workflow/types.ts';
import { ROLE_COLOR, useCaseDocuments, type CaseDocuments, type PresenceUser } from '../../collab/useCaseDocuments.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { Link } from '../../router.tsx';
import { COMMENT_SHORTCUT, CommentsInbox, CommentsProvider, useCaseComments } from '../comments/index.ts';
import { EmployerSummary } from '../employer/EmployerSummary.tsx';
import { HistoryView } from '../history/HistoryView.tsx';
import { LabourExpertPanel } from '../labourExpert/LabourExpertPanel.tsx';
import { PoortwachterNotices } from '../poortwachter/PoortwachterNotices.tsx';
import { LiveSessionBanner } from '../sessions/LiveSessionBanner.tsx';
import { SessionsPanel } from '../sessions/SessionsPanel.tsx';
import { DisputeFormDialog } from '../workflow/DisputeFormDialog.tsx';
import { DisputesPanel } from '../workflow/DisputesPanel.tsx';
import { PersistentBanner } from '../workflow/PersistentBanner.tsx';
import { ReviewerNotice } from '../workflow/ReviewerView.tsx';
import type { LiveWorkflow } from '../workflow/useWorkflow.ts';
import { WorkflowProvider, type WorkflowContextValue } from '../workflow/WorkflowContext.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { useCaseTiming } from './caseTiming.ts';
import { CollabNotices } from './CollabNotices.tsx';
import { COMMENTS, DISPUTES, EMPLOYER, GroupNav, HISTORY, LABOUR_EXPERT, OVERVIEW, SESSIONS } from './GroupNav.tsx';
import { OverviewMatrix } from './OverviewMatrix.tsx';
import { SectionCard } from './SectionCard.tsx';
import { useSectionKeys } from './useSectionKeys.ts';
import { useWorkspaceNavigation, type WorkspaceNavigation } from './useWorkspaceNavigation.ts';
import { useTemplate } from '../templates/templateCache.ts';

interface Props {
  detail: CaseDetail;
  myRole: AccessRole;
  user: PublicUser;
  live: LiveWorkflow;
}

/** The assessment of one case, as both physicians work in it and a reviewer reads it (docs/domain.md). */
export function Workspace({ detail, myRole, user, live }: Props) {
  const { t } = useTranslation();
  const template = useTemplate(detail.templateVersion);
  if (template.state === 'loading') return <p aria-busy="true">{t('app.loading')}</p>;
  if (template.state === 'failed')
    return (
      <p role="alert" className="error">
        {t('case.failed')}
      </p>
    );
  return <TemplateWorkspace detail={detail} myRole={myRole} user={user} live={live} template={template.template} />;
}

// Somewhat over 60 lines: the hooks are named parts, the rest is the flat layout of the workspace.
function TemplateWorkspace({ detail, myRole, user, live, template }: Props & { template: AssessmentTemplate }) {
  const { t } = useTranslation();
  const sections = useMemo(() => templateSections(template), [template]);
  const sectionIds = useMemo(() => sections.map((s) => s.id), [sections]);
  const me = useMemo<PresenceUser>(() => ({ name: user.name, role: myRole, color: ROLE_COLOR[myRole] }), [user.name, myRole]);
  const { docs, connection, notices } = useCaseDocuments(detail.id, myRole, user.id, me);
  const nav = useWorkspaceNavigation(template);
  const presence = usePresence(docs.joint, nav.currentSection);
  const comments = useCaseComments(detail.id, user.id);
  const { workflow, accept, recheck } = live;
  const { view, selectView, goToSection, showDispute } = nav;

  // A refused document connection may mean the access ended (a reviewer's dispute closed): ask the server.
  useEffect(() => {
    if (connection === 'refused') recheck();
  }, [connection, recheck]);

  const group = template.groups.find((g) => g.id === view);
  const shownIds = useMemo(() => group?.sections.map((s) => s.id) ?? [], [group]);
  useSectionKeys(sectionIds, nav.currentSection ?? shownIds, goToSection);
  useCaseTiming(connection === 'connected' && workflow !== null, myRole, workflow, shownIds);

  const { context, escalation, endEscalation } = useWorkflowValue({
    caseId: detail.id,
    userId: user.id,
    myRole,
    workflow,
    sections,
    joint: docs.joint,
    accept,
    showDispute,
  });
  const openDisputes = workflow?.disputes.filter((d) => d.stage !== 'closed').length ?? 0;
  const sessionLive = workflow?.sessions.some((s) => s.status === 'live') ?? false;

  return (
    <WorkflowProvider value={context}>
      <CommentsProvider comments={comments} userId={user.id} mayWrite={commentAccess(myRole) === 'rw'} goToSection={goToSection} showInbox={nav.showComments}>
        <div className="workspace">
          <Link to="/" className="back-link">
            {t('case.back')}
          </Link>
          <CaseHeader
            detail={detail}
            myRole={myRole}
            presence={presence}
            sections={sections}
            connection={connection}
            docs={docs}
            closed={workflow?.closed ?? null}
          />
          {myRole === 'reviewer' && <ReviewerNotice onShowDisputes={() => selectView(DISPUTES)} />}
          <div className="workspace__body">
            <GroupNav
              groups={template.groups}
              current={view}
              onSelect={selectView}
              openDisputes={openDisputes}
              sessionLive={sessionLive}
              unreadComments={comments.unread}
              showEmployer={myRole === 'ba' || myRole === 'va'}
              showLabourExpert={myRole === 'ba' || myRole === 'va'}
            />
            <div className="workspace__main">
              <p className="muted keyboard-hint" data-testid="keyboard-hint">
                {t('case.keyboardHint')}
                {commentAccess(myRole) === 'rw' && ` ${t('workspaceUi.commentsShortcut', { shortcut: COMMENT_SHORTCUT.label })}`}
              </p>
              <CollabNotices notices={notices} sections={sections} />
              {live.status === 'unavailable' && !workflow && <p className="muted small">{t('workflow.unavailable')}</p>}
              <PersistentBanner onOpenSection={goToSection} />
              <PoortwachterNotices firstSickDay={detail.firstSickDay} />
              {view !== SESSIONS && <LiveSessionBanner onShow={() => selectView(SESSIONS)} />}
              <WorkspaceView detail={detail} myRole={myRole} docs={docs} sections={sections} group={group} nav={nav} />
            </div>
          </div>
          {escalation && (
            <DisputeFormDialog initialSections={escalation.sections} initialReason={escalation.reason} onClose={endEscalation} onOpened={showDispute} />
          )}
        </div>
      </CommentsProvider>
    </WorkflowProvider>
  );
}

interface ViewProps {
  detail: CaseDetail;
  myRole: AccessRole;
  docs: CaseDocuments['docs'];
  sections: TemplateSection[];
  group: TemplateGroup | undefined;
  nav: WorkspaceNavigation;
}

/** The view chosen in the navigation: the overview, the disputes, the comments, the sessions, the history, the employer summary, the arbeidsdeskundige or a group's sections. */
function WorkspaceView({ detail, myRole, docs, sections, group, nav }: ViewProps) {
  switch (nav.view) {
    case OVERVIEW:
      return <OverviewMatrix sections={sections} docs={docs} onOpen={nav.goToSection} />;
    case DISPUTES:
      return <DisputesPanel />;
    case COMMENTS:
      return <CommentsInbox sections={sections} />;
    case SESSIONS:
      return <SessionsPanel members={detail.members} docs={docs} onOpenSection={nav.goToSection} />;
    case HISTORY:
      return <HistoryView caseId={detail.id} myRole={myRole} firstSickDay={detail.firstSickDay} sections={sections} />;
    case EMPLOYER:
      return <EmployerSummary caseId={detail.id} myRole={myRole} sections={sections} />;
    case LABOUR_EXPERT:
      return <LabourExpertPanel />;
    default:
      return group?.sections.map((section) => <SectionCard key={section.id} section={section} myRole={myRole} docs={docs} onActive={nav.setCurrentSection} />);
  }
}

interface Escalation {
  sections: string[];
  reason: DisputeReason;
}

/** The workflow context of the workspace, with the dispute form that an escalation opens. */
function useWorkflowValue(value: Omit<WorkflowContextValue, 'escalate'>): {
  context: WorkflowContextValue;
  escalation: Escalation | null;
  endEscalation: () => void;
} {
  const [escalation, setEscalation] = useState<Escalation | null>(null);
  const escalate = useCallback((chosen: string[], reason: DisputeReason) => setEscalation({ sections: chosen, reason }), []);
  const { caseId, userId, myRole, workflow, sections, joint, accept, showDispute } = value;
  const context = useMemo<WorkflowContextValue>(
    () => ({ caseId, userId, myRole, workflow, sections, joint, accept, escalate, showDispute }),
    [caseId, userId, myRole, workflow, sections, joint, accept, escalate, showDispute],
  );
  const endEscalation = useCallback(() => setEscalation(null), []);
  return { context, escalation, endEscalation };
}
