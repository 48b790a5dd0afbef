import { useTranslation } from 'react-i18next';
import type { AccessRole } from '../../../../shared/roles.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { ExportLinks } from '../history/ExportLinks.tsx';
import { isPhysician } from '../workflow/WorkflowContext.tsx';
import type { EmployerSummaryState } from './employerApi.ts';
import { ReleaseList } from './ReleaseList.tsx';
import { SummaryEditor } from './SummaryEditor.tsx';
import { useSummaryState } from './useEmployerSummary.ts';
import '../history/history.css';

interface Props {
  caseId: string;
  myRole: AccessRole;
  sections: TemplateSection[];
}

/** The summary for the employer: the BA writes and releases it; the VA sees the released versions. */
export function EmployerSummary({ caseId, myRole, sections }: Props) {
  const { t } = useTranslation();
  const state = useSummaryState(caseId);
  return (
    <section className="employer-summary card" aria-labelledby="employer-heading" data-testid="employer-summary">
      <h2 id="employer-heading">{t('employer.heading')}</h2>
      {myRole === 'ba' ? <p className="muted">{t('employer.intro')}</p> : <p className="notice">{t('employer.onlyBa')}</p>}
      <SummaryBody caseId={caseId} myRole={myRole} sections={sections} state={state} />
    </section>
  );
}

function SummaryBody({ caseId, myRole, sections, state }: Props & { state: EmployerSummaryState | Error | null }) {
  const { t } = useTranslation();
  if (state === null) return <p className="muted">{t('employer.loading')}</p>;
  if (state instanceof Error) {
    // The VA may be refused the draft: the notice above says why; the exports stay.
    if (myRole !== 'ba') return isPhysician(myRole) ? <ExportLinks caseId={caseId} /> : null;
    return (
      <p role="alert" className="error">
        {t('employer.failed')}
      </p>
    );
  }
  if (myRole === 'ba') return <SummaryEditor caseId={caseId} sections={sections} initial={state} />;
  return (
    <>
      <ReleaseList releases={state.releases} />
      {isPhysician(myRole) && <ExportLinks caseId={caseId} employer={state.releases.length > 0} />}
    </>
  );
}
