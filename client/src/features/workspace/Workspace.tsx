import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PublicUser } from '../../../../shared/api.ts';
import type { CaseRole } from '../../../../shared/roles.ts';
import { getTemplate, templateSections, type AssessmentTemplate } from '../../../../shared/template/index.ts';
import { useAssessmentSummary } from '../../collab/useAssessment.ts';
import { ROLE_COLOR, useCaseDocuments, type PresenceUser } from '../../collab/useCaseDocuments.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { Link } from '../../router.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { GroupNav, OVERVIEW } from './GroupNav.tsx';
import { OverviewMatrix } from './OverviewMatrix.tsx';
import { SectionCard } from './SectionCard.tsx';
import { useSectionKeys } from './useSectionKeys.ts';

interface Props {
  detail: CaseDetail;
  myRole: CaseRole;
  user: PublicUser;
}

/** The assessment of one case, as both physicians work in it (DESIGN §1, §5). */
export function Workspace({ detail, myRole, user }: Props) {
  const { t } = useTranslation();
  const template = getTemplate(detail.templateVersion);
  if (!template) return <p role="alert" className="error">{t('case.failed')}</p>;
  return <TemplateWorkspace detail={detail} myRole={myRole} user={user} template={template} />;
}

function TemplateWorkspace({ detail, myRole, user, template }: Props & { template: AssessmentTemplate }) {
  const { t } = useTranslation();
  const sections = useMemo(() => templateSections(template), [template]);
  const sectionIds = useMemo(() => sections.map((s) => s.id), [sections]);
  const me = useMemo<PresenceUser>(() => ({ name: user.name, role: myRole, color: ROLE_COLOR[myRole] }), [user.name, myRole]);
  const { docs, connection, pending } = useCaseDocuments(detail.id, myRole, user.id, me);
  const summary = useAssessmentSummary(docs, sectionIds);
  const [view, setView] = useState<string>(template.groups[0]!.id);
  const [currentSection, setCurrentSection] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ section: string } | null>(null);
  const presence = usePresence(docs.joint, currentSection);

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

  // After a jump, bring the section's heading into view and give it focus. The jump renders its
  // group in the same commit, so the heading exists; this runs once per jump, never again when
  // the physician later comes back to that group (which would pull focus out of the navigation).
  useEffect(() => {
    if (!focusRequest) return;
    const heading = document.getElementById(`section-${focusRequest.section}`);
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

  const group = template.groups.find((g) => g.id === view);
  const shownIds = useMemo(() => group?.sections.map((s) => s.id) ?? [], [group]);
  useSectionKeys(sectionIds, currentSection ?? shownIds, goToSection);

  return (
    <div className="workspace">
      <Link to="/" className="back-link">
        {t('case.back')}
      </Link>
      <CaseHeader detail={detail} myRole={myRole} presence={presence} sections={sections} connection={connection} pending={pending} />
      <div className="workspace__body">
        <GroupNav groups={template.groups} current={view} onSelect={selectView} />
        <div className="workspace__main">
          <p className="muted keyboard-hint">{t('case.keyboardHint')}</p>
          {view === OVERVIEW ? (
            <OverviewMatrix sections={sections} summary={summary} onOpen={goToSection} />
          ) : (
            group?.sections.map((section) => (
              <SectionCard
                key={section.id}
                section={section}
                myRole={myRole}
                docs={docs}
                onActive={() => setCurrentSection(section.id)}
              />
            ))
          )}
        </div>
      </div>
    </div>
  );
}
