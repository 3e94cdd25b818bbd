// Every word the admin shows, in English and Russian. `ru` must have exactly the keys of `en`
// (the type says so; catalogue.test.ts also checks placeholders match). `{name}` marks a value.

import { en } from './strings-en.ts';
import { ru } from './strings-ru.ts';

export { en, ru };
export type MessageKey = keyof typeof en;

export type Language = 'en' | 'ru';
export const catalogues: Record<Language, Record<MessageKey, string>> = { en, ru };

/** A message with its `{name}` placeholders filled; an unknown placeholder stays as written. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** The browser's language when nobody is signed in: Russian if it asks for it first, else English. */
export function browserLanguage(languages: readonly string[]): Language {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'ru') return 'ru';
    if (base === 'en') return 'en';
  }
  return 'en';
}
