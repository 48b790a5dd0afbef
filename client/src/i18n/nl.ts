/** Dutch, the default interface language. Every visible string lives here and in en.ts. */
export const nl = {
  app: {
    title: 'Consultatiewerkplek',
    subtitle: 'Bedrijfsarts en verzekeringsarts, samen aan één beoordeling',
    language: 'Taal',
    logout: 'Uitloggen',
    loggedInAs: 'Ingelogd als {{name}}',
    loading: 'Laden…',
  },
  roles: {
    bedrijfsarts: 'bedrijfsarts',
    verzekeringsarts: 'verzekeringsarts',
    admin: 'beheerder',
    ba: 'Bedrijfsarts',
    va: 'Verzekeringsarts',
  },
  login: {
    heading: 'Inloggen',
    username: 'Gebruikersnaam',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    busy: 'Bezig met inloggen…',
    invalid: 'Onbekende gebruikersnaam of onjuist wachtwoord.',
    throttled: 'Te veel mislukte pogingen. Probeer het over enkele ogenblikken opnieuw.',
    failed: 'Inloggen is niet gelukt. Probeer het opnieuw.',
  },
  cases: {
    heading: 'Mijn dossiers',
    empty: 'Er zijn nog geen dossiers aan u gekoppeld.',
    open: 'Openen',
    employee: 'Werknemer',
    employer: 'Werkgever',
    firstSickDay: 'Eerste ziektedag',
    failed: 'De dossiers konden niet worden geladen.',
  },
  case: {
    back: 'Terug naar dossiers',
    forbidden: 'U heeft geen toegang tot dit dossier.',
    failed: 'Het dossier kon niet worden geladen.',
    ownPosition: 'Uw standpunt',
    otherPosition: 'Standpunt {{role}}',
    readOnly: 'alleen lezen',
    editorLabel: '{{section}} — standpunt {{role}}',
  },
  connection: {
    connected: 'verbonden',
    connecting: 'verbinden…',
    disconnected: 'offline',
    refused: 'geen toegang',
  },
};

export type Messages = typeof nl;
