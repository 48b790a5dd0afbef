import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSsoFailure, SSO_FAILURE_PARAM, type SsoFailure, type SsoOrganisation } from '../../../../shared/sso.ts';
import { request } from '../../api.ts';

/**
 * "Inloggen via <organisatie>": a link per organisation with an issuer (a
 * full navigation: the server redirects to the issuer and back), and the
 * reason of a refused sign-in the callback put in the address, shown once.
 */
export function SsoSignIn() {
  const { t } = useTranslation();
  const [organisations, setOrganisations] = useState<SsoOrganisation[]>([]);
  const [failure] = useState<SsoFailure | null>(takeFailure);

  useEffect(() => {
    request<SsoOrganisation[]>('GET', '/api/auth/sso').then(setOrganisations, () => setOrganisations([]));
  }, []);

  if (organisations.length === 0 && !failure) return null;
  return (
    <section className="card sso" aria-labelledby="sso-heading">
      <h2 id="sso-heading">{t('sso.heading')}</h2>
      {failure && (
        <p role="alert" className="error" data-testid="sso-failure">
          {t(`sso.failure.${failure}`)}
        </p>
      )}
      <ul className="sso__list">
        {organisations.map((organisation) => (
          <li key={organisation.organisationId}>
            <a className="sso__link" href={`/api/auth/sso/${encodeURIComponent(organisation.organisationId)}/start`}>
              {t('sso.signInWith', { name: organisation.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The refusal in the address, taken out of it (a reload or a bookmark does not show it again). */
function takeFailure(): SsoFailure | null {
  const url = new URL(window.location.href);
  const reason = url.searchParams.get(SSO_FAILURE_PARAM);
  if (reason === null) return null;
  url.searchParams.delete(SSO_FAILURE_PARAM);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return isSsoFailure(reason) ? reason : null;
}
