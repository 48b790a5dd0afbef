import { useTranslation } from 'react-i18next';

/** The interface language's locale for dates. */
function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en-GB' : 'nl-NL';
}

export interface ShortAndFull {
  /** What the cell shows: "3 mrt", "di 3 mrt 14:00" (the year only when it is not this year's). */
  short: string;
  /** The same moment written out, for the cell's title and screen readers. */
  full: string;
}

const thisYear = (date: Date) => date.getFullYear() === new Date().getFullYear();

const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per locale and options: building one costs far more than using it, and a page shows hundreds of dates. */
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) formats.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

/** A calendar date (YYYY-MM-DD) short and in full: "3 mrt" / "3 maart 2026". */
export function useQueueDate(): (isoDate: string) => ShortAndFull {
  const locale = useLocale();
  return (isoDate) => {
    const date = new Date(`${isoDate}T12:00:00`);
    return {
      short: format(locale, { day: 'numeric', month: 'short', ...(thisYear(date) ? {} : { year: 'numeric' }) }).format(date),
      full: format(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date),
    };
  };
}

/** A moment (ISO timestamp) short and in full: "di 3 mrt 14:00" / "dinsdag 3 maart 2026 om 14:00". */
export function useQueueMoment(): (iso: string, withWeekday?: boolean) => ShortAndFull {
  const locale = useLocale();
  return (iso, withWeekday = false) => {
    const date = new Date(iso);
    return {
      short: format(locale, {
        ...(withWeekday ? { weekday: 'short' } : {}),
        day: 'numeric',
        month: 'short',
        ...(thisYear(date) ? {} : { year: 'numeric' }),
        hour: '2-digit',
        minute: '2-digit',
      }).format(date),
      full: format(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date),
    };
  };
}
