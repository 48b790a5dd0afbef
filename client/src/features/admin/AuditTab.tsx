import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AdminCase, type AdminUser, type AuditRow } from '../../../../shared/admin.ts';
import { SelectField } from '../workflow/Fields.tsx';
import { AdminError, useAdminAction } from './AdminError.tsx';
import { adminApi, type AuditFilter } from './adminApi.ts';
import { InputField } from './InputField.tsx';

const PAGE_ROWS = 50;
const NO_FILTER: AuditFilter = { from: '', to: '', user: '', caseId: '', action: '' };

/** The audit log for the log manager: filter by period, user, case and action; page; export what the filter holds as CSV. */
export function AuditTab() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilter>(NO_FILTER);
  const [applied, setApplied] = useState<AuditFilter>(NO_FILTER);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [choices, setChoices] = useState<{ users: AdminUser[]; cases: AdminCase[] }>({ users: [], cases: [] });
  const action = useAdminAction();

  const load = async (filter: AuditFilter, cursor?: string) => {
    const page = await action.run(() => adminApi.audit(filter, { limit: PAGE_ROWS, ...(cursor ? { cursor } : {}) }));
    if (!page) return;
    setRows((shown) => (cursor && shown ? [...shown, ...page.rows] : page.rows));
    setNext(page.next);
  };
  useEffect(() => {
    void Promise.all([adminApi.users(), adminApi.cases()]).then(
      ([users, cases]) => setChoices({ users, cases }),
      () => undefined,
    );
    void load(NO_FILTER);
    // Loads once; the filter form loads again.
  }, []);
  const set = (field: keyof AuditFilter) => (value: string) => setDraft({ ...draft, [field]: value });
  const apply = () => {
    setApplied(draft);
    void load(draft);
  };
  const userOptions = ['', ...choices.users.map((user) => user.id)];
  const caseOptions = ['', ...choices.cases.map((c) => c.id)];
  const userName = (id: string) => choices.users.find((user) => user.id === id)?.username ?? id;
  const caseTitle = (id: string) => choices.cases.find((c) => c.id === id)?.title ?? id;

  return (
    <section aria-labelledby="admin-audit-heading">
      <h2 id="admin-audit-heading">{t('admin.audit.heading')}</h2>
      <p className="muted">{t('admin.audit.intro')}</p>
      <form className="admin-form" data-testid="audit-filter" onSubmit={(e) => (e.preventDefault(), apply())}>
        <InputField label={t('admin.audit.from')} type="date" value={draft.from} onChange={set('from')} />
        <InputField label={t('admin.audit.to')} type="date" value={draft.to} onChange={set('to')} />
        <SelectField
          label={t('admin.audit.user')}
          value={draft.user}
          options={userOptions}
          optionLabel={(id) => (id ? userName(id) : t('admin.audit.any'))}
          onChange={set('user')}
        />
        <SelectField
          label={t('admin.audit.case')}
          value={draft.caseId}
          options={caseOptions}
          optionLabel={(id) => (id ? caseTitle(id) : t('admin.audit.any'))}
          onChange={set('caseId')}
        />
        <SelectField
          label={t('admin.audit.action')}
          value={draft.action}
          options={['', ...AUDIT_ACTIONS]}
          optionLabel={(a) => (a ? t(`admin.audit.actions.${a}`) : t('admin.audit.any'))}
          onChange={set('action')}
        />
        <button type="submit" disabled={action.busy}>
          {t('admin.audit.apply')}
        </button>
        <a href={adminApi.csvUrl(applied)} download className="button" data-testid="audit-export">
          {t('admin.audit.export')}
        </a>
      </form>
      <AdminError error={action.error} />
      {rows === null ? <p>{t('admin.loading')}</p> : <AuditTable rows={rows} caseTitle={caseTitle} />}
      {rows !== null ? <p role="status">{t('admin.audit.count', { count: rows.length })}</p> : null}
      {next ? (
        <button type="button" disabled={action.busy} onClick={() => void load(applied, next)}>
          {t('admin.audit.more')}
        </button>
      ) : null}
    </section>
  );
}

function AuditTable({ rows, caseTitle }: { rows: AuditRow[]; caseTitle: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p>{t('admin.audit.empty')}</p>;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <table className="admin-table" data-testid="audit-rows">
      <thead>
        <tr>
          <th scope="col">{t('admin.audit.at')}</th>
          <th scope="col">{t('admin.audit.who')}</th>
          <th scope="col">{t('admin.audit.action')}</th>
          <th scope="col">{t('admin.audit.what')}</th>
          <th scope="col">{t('admin.audit.case')}</th>
          <th scope="col">{t('admin.audit.outcome')}</th>
          <th scope="col">{t('admin.audit.detail')}</th>
          <th scope="col">{t('admin.audit.from_where')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={`${row.at}-${i}`} data-case-id={row.caseId ?? ''}>
            <td>
              <time dateTime={row.at}>{time.format(new Date(row.at))}</time>
            </td>
            <td>{row.username ? `${row.username}${row.role ? ` (${row.role})` : ''}` : t('admin.audit.anonymous')}</td>
            <td>{t(`admin.audit.actions.${row.action}`)}</td>
            <td className="wrap">{row.object}</td>
            <td>{row.caseId ? caseTitle(row.caseId) : ''}</td>
            <td>{t(`admin.audit.outcomes.${row.outcome}`)}</td>
            <td className="wrap">{row.detail ?? ''}</td>
            <td className="wrap">
              {row.ip ?? ''}
              {row.userAgent ? <small className="muted"> · {row.userAgent}</small> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
