import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PublicUser } from '../../../../shared/api.ts';
import { api, ApiError } from '../../api.ts';
import { cachedCase, forgetCase, rememberCase } from '../../offline/localData.ts';
import { AccessEnded } from '../workflow/ReviewerView.tsx';
import { takePrefetched } from './casePrefetch.ts';
import { useWorkflow } from '../workflow/useWorkflow.ts';
import { Workspace } from './Workspace.tsx';

type Failure = 'forbidden' | 'failed' | 'offlineUnknown';

/** Loads the case record (or, offline, the copy kept from the last visit) and opens the workspace. */
export function CasePage({ caseId, user }: { caseId: string; user: PublicUser }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let current = true;
    takePrefetched(caseId, 'case', () => api.case(caseId)).then(
      (loaded) => {
        rememberCase(user.id, loaded);
        if (current) setDetail(loaded);
      },
      (caught: unknown) => {
        if (!current) return;
        if (caught instanceof ApiError && caught.status === 403) return setFailure('forbidden');
        const cached = caught instanceof ApiError && caught.id === 'network' ? cachedCase(user.id, caseId) : null;
        if (cached) setDetail(cached);
        else setFailure(caught instanceof ApiError && caught.id === 'network' ? 'offlineUnknown' : 'failed');
      },
    );
    return () => {
      current = false;
    };
  }, [caseId, user.id]);

  if (failure)
    return (
      <p role="alert" className="error">
        {t(`case.${failure}`)}
      </p>
    );
  if (!detail) return <p>{t('app.loading')}</p>;
  if (!detail.myRole)
    return (
      <p role="alert" className="error">
        {t('case.forbidden')}
      </p>
    );
  return <LiveCase detail={detail} myRole={detail.myRole} user={user} />;
}

/** The case with its workflow live; a reviewer whose access ended sees that instead, and keeps no copy. */
function LiveCase({ detail, myRole, user }: { detail: CaseDetail; myRole: NonNullable<CaseDetail['myRole']>; user: PublicUser }) {
  const live = useWorkflow(detail.id);
  const { revoked } = live;

  useEffect(() => {
    // The workspace (and its documents) is gone by now: nothing holds the local copies open.
    if (revoked) void forgetCase(user.id, detail.id);
  }, [revoked, user.id, detail.id]);

  if (revoked) return <AccessEnded reviewer={myRole === 'reviewer'} />;
  return <Workspace detail={detail} myRole={myRole} user={user} live={live} />;
}
