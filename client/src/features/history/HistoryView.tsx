import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessRole } from '../../../../shared/roles.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { isPhysician, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { EventLog } from './EventLog.tsx';
import { useCaseLog, useVersions, type Loaded } from './useHistory.ts';
import { VersionComparison } from './VersionComparison.tsx';
import { SaveVersion, VersionList } from './VersionList.tsx';
import './history.css';

interface Props {
  caseId: string;
  myRole: AccessRole;
  firstSickDay: string;
  sections: TemplateSection[];
}

/** The case over time: its versions by week of sickness, two of them compared, and the log of the consultation (the exports are in the case header). */
export function HistoryView({ caseId, myRole, firstSickDay, sections }: Props) {
  const { t } = useTranslation();
  // Every event may come with a version taken by the server (an agreement, a closed dispute): both lists follow it.
  const seq = useWorkflowContext().workflow?.seq ?? 0;
  const log = useCaseLog(caseId, seq);
  return (
    <section className="history card" aria-labelledby="history-heading" data-testid="history-view">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <p className="muted">{t('history.intro')}</p>
      {isPhysician(myRole) && <Versions caseId={caseId} sections={sections} seq={seq} />}
      <section aria-labelledby="log-heading">
        <h3 id="log-heading">{t('history.log.heading')}</h3>
        <Shown loaded={log} failed={t('history.log.failed')}>
          {(entries) => <EventLog entries={entries} sections={sections} firstSickDay={firstSickDay} />}
        </Shown>
      </section>
    </section>
  );
}

/** The versions and their comparison: the case's physicians only (an invited reviewer reads the log). */
function Versions({ caseId, sections, seq }: { caseId: string; sections: TemplateSection[]; seq: number }) {
  const { t } = useTranslation();
  const [versions, reloadVersions] = useVersions(caseId, seq);
  return (
    <>
      <section aria-labelledby="versions-heading">
        <h3 id="versions-heading">{t('history.versions.heading')}</h3>
        <SaveVersion caseId={caseId} onSaved={reloadVersions} />
        <Shown loaded={versions} failed={t('history.versions.failed')}>
          {(list) => <VersionList versions={list} />}
        </Shown>
      </section>
      <section aria-labelledby="compare-heading">
        <h3 id="compare-heading">{t('history.compare.heading')}</h3>
        <Shown loaded={versions} failed={t('history.versions.failed')}>
          {(list) => <VersionComparison caseId={caseId} versions={list} sections={sections} />}
        </Shown>
      </section>
    </>
  );
}

function Shown<T>({ loaded, failed, children }: { loaded: Loaded<T>; failed: string; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  if (loaded.state === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <p role="alert" className="error">
        {failed}
      </p>
    );
  return <>{children(loaded.value)}</>;
}
