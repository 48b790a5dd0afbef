import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { nl } from './nl.ts';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language by its own name (its options carry `lang`), the same in every interface language. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { nl: 'Nederlands', en: 'English' };

const STORAGE_KEY = 'cw.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  // No advertisement in the console of a medical application.
  showSupportNotice: false,
});

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

/** The page's language and its title (the browser tab) follow the interface language. */
function applyToDocument(): void {
  document.documentElement.lang = i18n.language;
  document.title = i18n.t('app.title');
}

i18n.on('languageChanged', applyToDocument);
applyToDocument();

export default i18n;
