import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PublicUser } from '../../../../shared/api.ts';
import { formatDocName } from '../../../../shared/docNames.ts';
import { otherPart, ownPart } from '../../../../shared/permissions.ts';
import type { CaseRole } from '../../../../shared/roles.ts';
import { getTemplate, templateSections } from '../../../../shared/template/index.ts';
import { api, ApiError } from '../../api.ts';
import { useCollabDoc, type ConnectionStatus } from '../../collab/useCollabDoc.ts';
import { SectionEditor } from '../../editor/SectionEditor.tsx';
import type { Language } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';

/** Caret colours per case role, so each physician is recognisable in every editor. */
const CARET_COLOR: Record<CaseRole, string> = { ba: '#1f6feb', va: '#b35900' };

/** The section the walking skeleton shows; the full template arrives with the workspace. */
const SKELETON_SECTION = 'd240';

export function CasePage({ caseId, user }: { caseId: string; user: PublicUser }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [failure, setFailure] = useState<'forbidden' | 'failed' | null>(null);

  useEffect(() => {
    api.case(caseId).then(setDetail, (caught: unknown) =>
      setFailure(caught instanceof ApiError && caught.status === 403 ? 'forbidden' : 'failed'),
    );
  }, [caseId]);

  if (failure) return <p role="alert" className="error">{t(`case.${failure}`)}</p>;
  if (!detail) return <p>{t('app.loading')}</p>;
  if (!detail.myRole) return <p role="alert" className="error">{t('case.forbidden')}</p>;
  return <Workspace detail={detail} myRole={detail.myRole} user={user} />;
}

function Workspace({ detail, myRole, user }: { detail: CaseDetail; myRole: CaseRole; user: PublicUser }) {
  const { t, i18n } = useTranslation();
  const otherRole: CaseRole = myRole === 'ba' ? 'va' : 'ba';
  const own = useCollabDoc(formatDocName({ caseId: detail.id, part: ownPart(myRole) }), 'rw');
  const other = useCollabDoc(formatDocName({ caseId: detail.id, part: otherPart(myRole) }), 'r');
  const template = getTemplate(detail.templateVersion);
  const section = template && templateSections(template).find((s) => s.id === SKELETON_SECTION);
  const sectionLabel = section ? `${section.icf ?? ''} ${section.label[i18n.language as Language] ?? section.label.nl}`.trim() : SKELETON_SECTION;
  const caretUser = { name: user.name, color: CARET_COLOR[myRole] };

  return (
    <section aria-labelledby="case-heading">
      <Link to="/">{t('case.back')}</Link>
      <h1 id="case-heading">{detail.title}</h1>
      <p className="muted">
        {detail.employeePseudonym} · {detail.employer}
      </p>
      <article className="card section-card" aria-labelledby={`section-${SKELETON_SECTION}`}>
        <h2 id={`section-${SKELETON_SECTION}`}>{sectionLabel}</h2>
        <div className="columns">
          <div className="column">
            <h3>
              {t('case.ownPosition')} <StatusBadge status={own.status} testId="connection-own" />
            </h3>
            {own.collab && (
              <SectionEditor
                collab={own.collab}
                field={SKELETON_SECTION}
                editable
                user={caretUser}
                label={t('case.editorLabel', { section: sectionLabel, role: t(`roles.${myRole}`) })}
                testId={`editor-own-${SKELETON_SECTION}`}
              />
            )}
          </div>
          <div className="column">
            <h3>
              {t('case.otherPosition', { role: t(`roles.${otherRole}`).toLowerCase() })}{' '}
              <span className="badge">{t('case.readOnly')}</span> <StatusBadge status={other.status} testId="connection-other" />
            </h3>
            {other.collab && (
              <SectionEditor
                collab={other.collab}
                field={SKELETON_SECTION}
                editable={false}
                user={caretUser}
                label={t('case.editorLabel', { section: sectionLabel, role: t(`roles.${otherRole}`) })}
                testId={`editor-other-${SKELETON_SECTION}`}
              />
            )}
          </div>
        </div>
      </article>
    </section>
  );
}

function StatusBadge({ status, testId }: { status: ConnectionStatus; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} role="status" data-status={status} data-testid={testId}>
      {t(`connection.${status}`)}
    </span>
  );
}
