import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../../shared/admin.ts';
import { MAX_DISPLAY_NAME_CHARS, MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS } from '../../../../shared/limits.ts';
import type { AdminOrganisation } from '../../../../shared/organisations.ts';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import { SelectField } from '../workflow/Fields.tsx';
import { AdminError, useAdminAction } from './AdminError.tsx';
import { adminApi } from './adminApi.ts';
import { InputField } from './InputField.tsx';

/** The accounts: list, create, deactivate and reactivate, a new password, another role. */
export function UsersTab({ ownId }: { ownId: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [organisations, setOrganisations] = useState<AdminOrganisation[]>([]);
  const action = useAdminAction();
  const reload = () => void action.run(adminApi.users).then((list) => list && setUsers(list));
  // Loads once; the rows reload after each change.
  useEffect(() => {
    reload();
    void action.run(adminApi.organisations).then((list) => list && setOrganisations(list));
  }, []);
  const organisationName = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;

  return (
    <section aria-labelledby="admin-users-heading">
      <h2 id="admin-users-heading">{t('admin.users.heading')}</h2>
      <AdminError error={action.error} />
      {users === null ? (
        <p>{t('admin.loading')}</p>
      ) : (
        <table className="admin-table" data-testid="admin-users">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.username')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.organisation')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              <th scope="col">{t('admin.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} own={user.id === ownId} organisation={organisationName(user.organisationId)} onChanged={reload} />
            ))}
          </tbody>
        </table>
      )}
      <CreateUser organisations={organisations} onCreated={reload} />
    </section>
  );
}

type Editing = 'none' | 'password' | 'role';

function UserRow({ user, own, organisation, onChanged }: { user: AdminUser; own: boolean; organisation: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const [editing, setEditing] = useState<Editing>('none');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(user.role);
  const done = (result: unknown) => {
    if (result === null) return;
    setEditing('none');
    setPassword('');
    onChanged();
  };
  const toggleActive = async () => {
    if (user.active && !window.confirm(t('admin.users.confirmDeactivate', { name: user.name }))) return;
    done(await action.run(() => (user.active ? adminApi.deactivate(user.id) : adminApi.reactivate(user.id))));
  };
  const endSessions = async () => {
    if (!window.confirm(t('admin.users.confirmEndSessions', { name: user.name }))) return;
    done(await action.run(() => adminApi.endSessions(user.id)));
  };
  return (
    <tr data-username={user.username}>
      <td>
        {user.name} {own ? <span className="muted">{t('admin.users.you')}</span> : null}
      </td>
      <td>{user.username}</td>
      <td>
        {t(`roles.${user.role}`)} {user.platformAdmin ? <span className="muted">({t('admin.users.platformAdmin')})</span> : null}
      </td>
      <td>{organisation}</td>
      <td>{user.active ? t('admin.users.active') : t('admin.users.inactive')}</td>
      <td>
        <div className="admin-actions">
          {own ? null : (
            <button type="button" disabled={action.busy} onClick={() => void toggleActive()}>
              {user.active ? t('admin.users.deactivate') : t('admin.users.reactivate')}
            </button>
          )}
          {own || !user.active ? null : (
            <button type="button" disabled={action.busy} onClick={() => void endSessions()}>
              {t('admin.users.endSessions')}
            </button>
          )}
          <button type="button" aria-expanded={editing === 'password'} onClick={() => setEditing(editing === 'password' ? 'none' : 'password')}>
            {t('admin.users.resetPassword')}
          </button>
          {own ? null : (
            <button type="button" aria-expanded={editing === 'role'} onClick={() => setEditing(editing === 'role' ? 'none' : 'role')}>
              {t('admin.users.changeRole')}
            </button>
          )}
        </div>
        {editing === 'password' ? (
          <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void action.run(() => adminApi.resetPassword(user.id, password)).then(done))}>
            <InputField
              label={t('admin.users.newPassword', { name: user.name })}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              maxLength={MAX_PASSWORD_CHARS}
              required
              hint={t('admin.users.passwordHint')}
            />
            <button type="submit" disabled={action.busy}>
              {t('admin.users.save')}
            </button>
          </form>
        ) : null}
        {editing === 'role' ? (
          <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void action.run(() => adminApi.changeRole(user.id, role)).then(done))}>
            <SelectField
              label={t('admin.users.newRole', { name: user.name })}
              value={role}
              options={ROLES}
              optionLabel={(r) => t(`roles.${r}`)}
              onChange={setRole}
            />
            <button type="submit" disabled={action.busy}>
              {t('admin.users.save')}
            </button>
          </form>
        ) : null}
        <AdminError error={action.error} />
      </td>
    </tr>
  );
}

function CreateUser({ organisations, onCreated }: { organisations: AdminOrganisation[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const empty = { username: '', name: '', role: 'bedrijfsarts' as Role, password: '' };
  const [form, setForm] = useState(empty);
  // Empty: the first organisation listed, as the select shows it.
  const [organisationId, setOrganisationId] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });
  const submit = async () => {
    setCreated(null);
    // The organisation shown is the one sent; with only their own to choose from, the server puts it there.
    const chosen = organisations.length > 1 ? organisationId || organisations[0]!.id : '';
    const user = await action.run(() => adminApi.createUser({ ...form, ...(chosen ? { organisationId: chosen } : {}) }));
    if (!user) return;
    setCreated(user.username);
    setForm(empty);
    onCreated();
  };
  return (
    <section aria-labelledby="admin-create-user">
      <h3 id="admin-create-user">{t('admin.users.create')}</h3>
      <form className="admin-form" data-testid="create-user" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <InputField label={t('admin.users.username')} value={form.username} onChange={set('username')} maxLength={MAX_USERNAME_CHARS} required />
        <InputField label={t('admin.users.name')} value={form.name} onChange={set('name')} maxLength={MAX_DISPLAY_NAME_CHARS} required />
        <SelectField label={t('admin.users.role')} value={form.role} options={ROLES} optionLabel={(r) => t(`roles.${r}`)} onChange={set('role')} />
        {organisations.length > 1 ? (
          <SelectField
            label={t('admin.users.organisation')}
            value={organisationId || organisations[0]!.id}
            options={organisations.map((o) => o.id)}
            optionLabel={(id) => organisations.find((o) => o.id === id)?.name ?? id}
            onChange={setOrganisationId}
          />
        ) : null}
        <InputField
          label={t('admin.users.password')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          maxLength={MAX_PASSWORD_CHARS}
          required
        />
        <button type="submit" disabled={action.busy}>
          {t('admin.users.create')}
        </button>
      </form>
      <AdminError error={action.error} />
      {created ? <p role="status">{t('admin.users.created', { username: created })}</p> : null}
    </section>
  );
}
