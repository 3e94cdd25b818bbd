import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { catalogues, format, type Language, type MessageKey } from './strings.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  lang: Language;
  t: Translate;
  /** A date and time in the reader's language. */
  dateTime(iso: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const messages = catalogues[lang];
    const formatter = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      lang,
      t: (key, values) => format(messages[key], values),
      dateTime: (iso) => (iso ? formatter.format(new Date(iso)) : '—'),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
