import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminCase, AdminUser } from '../../../../shared/admin.ts';
import { MAX_CASE_TITLE_CHARS, MAX_EMPLOYER_CHARS, MAX_PSEUDONYM_CHARS } from '../../../../shared/limits.ts';
import { ACCOUNT_ROLE_FOR, CASE_ROLES, type CaseRole } from '../../../../shared/roles.ts';
import { SelectField } from '../workflow/Fields.tsx';
import { AdminError, useAdminAction } from './AdminError.tsx';
import { adminApi } from './adminApi.ts';
import { InputField } from './InputField.tsx';

/** The active accounts that may hold a case role. */
const eligible = (users: AdminUser[], caseRole: CaseRole) => users.filter((user) => user.active && user.role === ACCOUNT_ROLE_FOR[caseRole]);

/** The cases: their record and physicians (never their content), a new case, another BA or VA. */
export function CasesTab() {
  const { t } = useTranslation();
  const [cases, setCases] = useState<AdminCase[] | null>(null);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const action = useAdminAction();
  const reload = () =>
    void action
      .run(() => Promise.all([adminApi.cases(), adminApi.users()]))
      .then((loaded) => {
        if (!loaded) return;
        setCases(loaded[0]);
        setUsers(loaded[1]);
      });
  // Loads once; the rows reload after each change.
  useEffect(reload, []);

  return (
    <section aria-labelledby="admin-cases-heading">
      <h2 id="admin-cases-heading">{t('admin.cases.heading')}</h2>
      <AdminError error={action.error} />
      {cases === null ? (
        <p>{t('admin.loading')}</p>
      ) : cases.length === 0 ? (
        <p>{t('admin.cases.empty')}</p>
      ) : (
        <table className="admin-table" data-testid="admin-cases">
          <thead>
            <tr>
              <th scope="col">{t('admin.cases.title')}</th>
              <th scope="col">{t('admin.cases.pseudonym')}</th>
              <th scope="col">{t('admin.cases.employer')}</th>
              <th scope="col">{t('admin.cases.firstSickDay')}</th>
              <th scope="col">{t('admin.cases.ba')}</th>
              <th scope="col">{t('admin.cases.va')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((row) => (
              <tr key={row.id} data-case-id={row.id}>
                <td>{row.title}</td>
                <td>{row.employeePseudonym}</td>
                <td>{row.employer}</td>
                <td>{row.firstSickDay}</td>
                {CASE_ROLES.map((caseRole) => (
                  <td key={caseRole} data-role={caseRole}>
                    <MemberCell row={row} caseRole={caseRole} users={users} onChanged={reload} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateCase users={users} onCreated={reload} />
    </section>
  );
}

function MemberCell({ row, caseRole, users, onChanged }: { row: AdminCase; caseRole: CaseRole; users: AdminUser[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const member = row.members[caseRole];
  const [editing, setEditing] = useState(false);
  const options = eligible(users, caseRole);
  const [choice, setChoice] = useState(member?.userId ?? options[0]?.id ?? '');
  const assign = async () => {
    if (!choice || (await action.run(() => adminApi.assign(row.id, caseRole, choice))) === null) return;
    setEditing(false);
    onChanged();
  };
  const nameOf = (id: string) => options.find((user) => user.id === id)?.name ?? id;
  return (
    <>
      <span className="member">{member ? `${member.name}${member.active ? '' : ` ${t('admin.cases.inactive')}`}` : t('admin.cases.none')}</span>{' '}
      <button
        type="button"
        aria-expanded={editing}
        onClick={() => setEditing(!editing)}
        aria-label={`${t('admin.cases.replace')}: ${t(`admin.cases.${caseRole}`)}, ${row.title}`}
      >
        {t('admin.cases.replace')}
      </button>
      {editing ? (
        <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void assign())}>
          <SelectField
            label={t('admin.cases.replaceLabel', { role: t(`admin.cases.${caseRole}`).toLowerCase(), title: row.title })}
            value={choice}
            options={options.map((user) => user.id)}
            optionLabel={(id) => `${nameOf(id)} (${options.find((user) => user.id === id)?.username ?? ''})`}
            onChange={setChoice}
          />
          <button type="submit" disabled={action.busy || !choice}>
            {t('admin.cases.assign')}
          </button>
          <small className="muted">{t('admin.cases.replaceHint')}</small>
        </form>
      ) : null}
      <AdminError error={action.error} />
    </>
  );
}

function CreateCase({ users, onCreated }: { users: AdminUser[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const empty = { title: '', employeePseudonym: '', employer: '', firstSickDay: '', ba: '', va: '' };
  const [form, setForm] = useState(empty);
  const [created, setCreated] = useState(false);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });
  const usernames = (caseRole: CaseRole) => ['', ...eligible(users, caseRole).map((user) => user.username)];
  const submit = async () => {
    setCreated(false);
    if ((await action.run(() => adminApi.createCase(form))) === null) return;
    setCreated(true);
    setForm(empty);
    onCreated();
  };
  return (
    <section aria-labelledby="admin-create-case">
      <h3 id="admin-create-case">{t('admin.cases.create')}</h3>
      <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <InputField label={t('admin.cases.title')} value={form.title} onChange={set('title')} maxLength={MAX_CASE_TITLE_CHARS} required />
        <InputField
          label={t('admin.cases.pseudonym')}
          value={form.employeePseudonym}
          onChange={set('employeePseudonym')}
          maxLength={MAX_PSEUDONYM_CHARS}
          required
        />
        <InputField label={t('admin.cases.employer')} value={form.employer} onChange={set('employer')} maxLength={MAX_EMPLOYER_CHARS} required />
        <InputField label={t('admin.cases.firstSickDay')} type="date" value={form.firstSickDay} onChange={set('firstSickDay')} required />
        {CASE_ROLES.map((caseRole) => (
          <SelectField
            key={caseRole}
            label={t(`admin.cases.${caseRole}`)}
            value={form[caseRole]}
            options={usernames(caseRole)}
            optionLabel={(u) => u || t('admin.cases.none')}
            onChange={set(caseRole)}
          />
        ))}
        <button type="submit" disabled={action.busy}>
          {t('admin.cases.create')}
        </button>
      </form>
      <AdminError error={action.error} />
      {created ? <p role="status">{t('admin.cases.created')}</p> : null}
    </section>
  );
}
