import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ORGANISATION_NAME_CHARS, ORGANISATION_KINDS, type AdminOrganisation, type OrganisationKind } from '../../../../shared/organisations.ts';
import { SelectField } from '../workflow/Fields.tsx';
import { AdminError, useAdminAction } from './AdminError.tsx';
import { adminApi } from './adminApi.ts';
import { InputField } from './InputField.tsx';

/**
 * The organisations: the platform administrator sees and creates them all; an
 * organisation's administrator sees their own. Either may require a second
 * factor of an organisation they manage.
 */
export function OrganisationsTab({ ownId }: { ownId: string }) {
  const { t } = useTranslation();
  const [organisations, setOrganisations] = useState<AdminOrganisation[] | null>(null);
  const [platform, setPlatform] = useState(false);
  const action = useAdminAction();
  const reload = () => void action.run(adminApi.organisations).then((list) => list && setOrganisations(list));
  // Loads once; the rows reload after each change.
  useEffect(() => {
    reload();
    void adminApi.users().then((users) => setPlatform(users.find((user) => user.id === ownId)?.platformAdmin ?? false));
  }, [ownId]);

  return (
    <section aria-labelledby="admin-organisations-heading">
      <h2 id="admin-organisations-heading">{t('admin.organisations.heading')}</h2>
      <p className="muted">{t('admin.organisations.intro')}</p>
      <AdminError error={action.error} />
      {organisations === null ? (
        <p>{t('admin.loading')}</p>
      ) : (
        <table className="admin-table" data-testid="admin-organisations">
          <thead>
            <tr>
              <th scope="col">{t('admin.organisations.name')}</th>
              <th scope="col">{t('admin.organisations.kind')}</th>
              <th scope="col">{t('admin.organisations.mfa')}</th>
              <th scope="col">{t('admin.organisations.sso')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((organisation) => (
              <OrganisationRow key={organisation.id} organisation={organisation} onChanged={reload} />
            ))}
          </tbody>
        </table>
      )}
      {platform ? <CreateOrganisation onCreated={reload} /> : null}
    </section>
  );
}

function OrganisationRow({ organisation, onChanged }: { organisation: AdminOrganisation; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const toggle = async () => {
    if ((await action.run(() => adminApi.updateOrganisation(organisation.id, { mfaRequired: !organisation.mfaRequired }))) !== null) onChanged();
  };
  return (
    <tr data-organisation={organisation.id}>
      <td>{organisation.name}</td>
      <td>{t(`admin.organisations.kinds.${organisation.kind}`)}</td>
      <td>
        {organisation.mfaRequired ? t('admin.organisations.mfaOn') : t('admin.organisations.mfaOff')}{' '}
        <button type="button" disabled={action.busy} onClick={() => void toggle()}>
          {organisation.mfaRequired ? t('admin.organisations.dropMfa') : t('admin.organisations.requireMfa')}
        </button>
        <AdminError error={action.error} />
      </td>
      <td>{organisation.sso ? t('admin.organisations.ssoOn', { clientId: organisation.sso.clientId }) : t('admin.organisations.ssoOff')}</td>
    </tr>
  );
}

function CreateOrganisation({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('arbodienst');
  const [created, setCreated] = useState<string | null>(null);
  const submit = async () => {
    setCreated(null);
    const organisation = await action.run(() => adminApi.createOrganisation({ name, kind }));
    if (!organisation) return;
    setCreated(organisation.name);
    setName('');
    onCreated();
  };
  return (
    <section aria-labelledby="admin-create-organisation">
      <h3 id="admin-create-organisation">{t('admin.organisations.create')}</h3>
      <form className="admin-form" data-testid="create-organisation" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <InputField label={t('admin.organisations.name')} value={name} onChange={setName} maxLength={MAX_ORGANISATION_NAME_CHARS} required />
        <SelectField
          label={t('admin.organisations.kind')}
          value={kind}
          options={ORGANISATION_KINDS}
          optionLabel={(k) => t(`admin.organisations.kinds.${k}`)}
          onChange={setKind}
        />
        <button type="submit" disabled={action.busy}>
          {t('admin.organisations.create')}
        </button>
      </form>
      <AdminError error={action.error} />
      {created ? <p role="status">{t('admin.organisations.created', { name: created })}</p> : null}
    </section>
  );
}
