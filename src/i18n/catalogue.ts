import { en, type MessageKey, type Messages } from './messages/en.ts';
import { ru } from './messages/ru.ts';

// The interface's words in every language we ship. A page speaks one language: its article's,
// or the publication's default. A language without a catalogue falls back to English.

export type { MessageKey, Messages };

const catalogues: Record<string, Messages> = { en, ru };

export const FALLBACK_LANGUAGE = 'en';

/** Languages with a complete catalogue. */
export const interfaceLanguages: readonly string[] = Object.keys(catalogues);

export type MessageVars = Record<string, string | number | null | undefined>;

/** "ru-RU" -> "ru"; anything unknown -> English. */
export function catalogueLanguage(language: string): string {
  const base = language.toLowerCase().split('-')[0] ?? '';
  return base in catalogues ? base : FALLBACK_LANGUAGE;
}

export function messagesFor(language: string): Messages {
  return catalogues[catalogueLanguage(language)]!;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

function interpolate(text: string, vars: MessageVars): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(language: string, count: number): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/**
 * The message for `key` in `language`, placeholders filled. A plural message is named by its
 * stem ("search.count") and picked by `vars.count` with the language's plural rules.
 * An unknown key comes back as the key itself, so a typo shows on the page and in the tests.
 */
export function translate(language: string, key: string, vars: MessageVars = {}): string {
  const lang = catalogueLanguage(language);
  const messages = catalogues[lang]!;
  let text: string | undefined;
  if (isMessageKey(key)) text = messages[key];
  else if (typeof vars.count === 'number' || typeof vars.count === 'string') {
    const plural = `${key}.${pluralCategory(lang, Number(vars.count))}`;
    text = isMessageKey(plural)
      ? messages[plural]
      : isMessageKey(`${key}.other`)
        ? messages[`${key}.other` as MessageKey]
        : undefined;
  }
  return text === undefined ? key : interpolate(text, vars);
}
