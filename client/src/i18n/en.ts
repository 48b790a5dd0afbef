import type { Messages } from './nl.ts';

export const en: Messages = {
  app: {
    title: 'Consultation workspace',
    subtitle: 'Occupational and insurance physician, together on one assessment',
    language: 'Language',
    logout: 'Log out',
    loggedInAs: 'Logged in as {{name}}',
    loading: 'Loading…',
  },
  roles: {
    bedrijfsarts: 'occupational physician',
    verzekeringsarts: 'insurance physician',
    admin: 'administrator',
    ba: 'Occupational physician',
    va: 'Insurance physician',
  },
  login: {
    heading: 'Log in',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    busy: 'Logging in…',
    invalid: 'Unknown username or wrong password.',
    throttled: 'Too many failed attempts. Try again in a moment.',
    failed: 'Logging in failed. Please try again.',
  },
  cases: {
    heading: 'My cases',
    empty: 'No cases are assigned to you yet.',
    open: 'Open',
    employee: 'Employee',
    employer: 'Employer',
    firstSickDay: 'First day of sickness',
    failed: 'The cases could not be loaded.',
  },
  case: {
    back: 'Back to cases',
    forbidden: 'You do not have access to this case.',
    failed: 'The case could not be loaded.',
    ownPosition: 'Your position',
    otherPosition: 'Position of the {{role}}',
    readOnly: 'read only',
    editorLabel: '{{section}} — position of the {{role}}',
  },
  connection: {
    connected: 'connected',
    connecting: 'connecting…',
    disconnected: 'offline',
    refused: 'no access',
  },
};
