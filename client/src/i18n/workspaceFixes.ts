/**
 * Interface strings of the case workspace's layout and status aids (the
 * collapsible navigation, the comment margin toggle, the unsaved sections,
 * one's own presence offline), Dutch first; merged into nl.ts and en.ts
 * under `workspaceUi`. Every Dutch string needs its English counterpart.
 */
const nl = {
  navHide: 'Navigatie inklappen',
  navShow: 'Navigatie uitklappen',
  unsavedSections_one: 'niet-opgeslagen tekst in {{count}} sectie',
  unsavedSections_other: 'niet-opgeslagen tekst in {{count}} secties',
  unsavedSome: 'niet-opgeslagen wijzigingen',
  allSaved: 'alles opgeslagen',
  selfOffline: 'offline',
  commentsShortcut: 'Opmerking bij geselecteerde tekst: {{shortcut}}. Ook in de kolom van de andere arts: ga er met Tab heen en selecteer met Shift+pijltjes.',
  marginToggle: 'Opmerkingen ({{count}})',
};

const en: Record<keyof typeof nl, string> = {
  navHide: 'Hide navigation',
  navShow: 'Show navigation',
  unsavedSections_one: 'unsaved text in {{count}} section',
  unsavedSections_other: 'unsaved text in {{count}} sections',
  unsavedSome: 'unsaved changes',
  allSaved: 'all saved',
  selfOffline: 'offline',
  commentsShortcut: "Comment on selected text: {{shortcut}}. Also in the other physician's column: Tab into it and select with Shift+arrows.",
  marginToggle: 'Comments ({{count}})',
};

export const workspaceUiMessages = { nl, en };
