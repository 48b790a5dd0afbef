import { useTranslation } from 'react-i18next';
import type { Label, TemplateSection } from '../../../../shared/template/index.ts';
import type { Actor } from '../../../../shared/workflow/types.ts';

/** A template label in the interface language. */
export function useLabel(): (label: Label) => string {
  const { i18n } = useTranslation();
  return (label) => (i18n.language === 'en' ? label.en : label.nl);
}

/** "d240 Omgaan met stress…", or only the label for sections without an ICF code. */
export function useSectionLabel(): (section: TemplateSection) => string {
  const label = useLabel();
  return (section) => (section.icf ? `${section.icf} ${label(section.label)}` : label(section.label));
}

/** A calendar date (YYYY-MM-DD) as the physician reads it: "15 maart 2026" / "15 March 2026". */
export function useDateFormat(): (isoDate: string) => string {
  const { i18n } = useTranslation();
  return (isoDate) =>
    new Date(`${isoDate}T12:00:00`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
}

/** A moment (ISO timestamp) as the physician reads it: "3 maart 2026 om 14:02" / "3 March 2026 at 14:02". */
export function useDateTimeFormat(): (isoTimestamp: string) => string {
  const { i18n } = useTranslation();
  return (isoTimestamp) => new Date(isoTimestamp).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' });
}

/** Who acted: "Anna Bakker (bedrijfsarts)". */
export function useActorLabel(): (actor: Pick<Actor, 'name' | 'role'>) => string {
  const { t } = useTranslation();
  return (actor) => `${actor.name} (${t(`roles.${actor.role}`).toLowerCase()})`;
}
