import type { SsoFailure } from '../../../shared/sso.ts';

/**
 * Interface strings of single sign-on on the login page, Dutch first; merged
 * into nl.ts and en.ts under `sso`. Every refusal the callback can name has
 * its sentence (shared/sso.ts).
 */
const nl: { heading: string; signInWith: string; failure: Record<SsoFailure, string> } = {
  heading: 'Inloggen via uw organisatie',
  signInWith: 'Inloggen via {{name}}',
  failure: {
    'unknown-user': 'U bent bij uw organisatie aangemeld, maar u heeft geen account in de werkplek. Vraag de beheerder van uw organisatie om een account.',
    'other-organisation':
      'U bent bij uw organisatie aangemeld, maar u heeft geen account van deze organisatie in de werkplek. Vraag de beheerder van uw organisatie om een account.',
    'role-not-allowed': 'Uw account mag niet via deze organisatie inloggen: uw rol is daarvoor niet toegestaan. Neem contact op met de beheerder.',
    deactivated: 'Uw account is gedeactiveerd. Neem contact op met de beheerder.',
    'state-mismatch': 'De aanmelding kon niet worden gecontroleerd: ze is verlopen of niet in deze browser begonnen. Probeer het opnieuw.',
    replayed: 'Deze aanmelding is al gebruikt. Probeer het opnieuw.',
    'nonce-mismatch': 'De aanmelding kon niet worden gecontroleerd: het antwoord van uw organisatie hoort niet bij deze aanmelding. Probeer het opnieuw.',
    'claim-missing': 'Uw organisatie gaf geen bruikbare gebruikersnaam door. Neem contact op met de beheerder.',
    'issuer-refused': 'Uw organisatie heeft de aanmelding geweigerd of afgebroken.',
    'issuer-unreachable': 'De aanmeldserver van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw of log in met uw wachtwoord.',
    'not-configured': 'Inloggen via deze organisatie is niet (meer) ingesteld.',
  },
};

const en: typeof nl = {
  heading: 'Sign in through your organisation',
  signInWith: 'Sign in with {{name}}',
  failure: {
    'unknown-user': 'Your organisation signed you in, but you have no account in the workspace. Ask your organisation’s administrator for an account.',
    'other-organisation':
      'Your organisation signed you in, but you have no account of this organisation in the workspace. Ask your organisation’s administrator for an account.',
    'role-not-allowed': 'Your account may not sign in through this organisation: its role is not allowed to. Contact the administrator.',
    deactivated: 'Your account has been deactivated. Contact the administrator.',
    'state-mismatch': 'The sign-in could not be checked: it expired or was not started in this browser. Please try again.',
    replayed: 'This sign-in has already been used. Please try again.',
    'nonce-mismatch': 'The sign-in could not be checked: your organisation’s answer does not belong to this sign-in. Please try again.',
    'claim-missing': 'Your organisation did not pass on a usable username. Contact the administrator.',
    'issuer-refused': 'Your organisation refused or cancelled the sign-in.',
    'issuer-unreachable': 'Your organisation’s sign-in server cannot be reached right now. Try again later or sign in with your password.',
    'not-configured': 'Signing in through this organisation is not (or no longer) set up.',
  },
};

export const ssoMessages = { nl, en };
