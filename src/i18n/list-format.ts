// "A and B", "A, B and C" / "А и Б": the language's own way of joining a list of names, from
// Intl.ListFormat. Templates print each name as a link, so what they need is the text that goes
// before each one.

/** House style per language where the runtime's default differs ("en" would add a serial comma). */
const LIST_LOCALE: Record<string, string> = { en: 'en-GB' };

const formats = new Map<string, Intl.ListFormat>();

function listFormat(language: string): Intl.ListFormat {
  let format = formats.get(language);
  if (!format) {
    const base = language.toLowerCase().split('-')[0] ?? language;
    const locale = LIST_LOCALE[language] ?? LIST_LOCALE[base] ?? language;
    try {
      format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    } catch {
      format = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });
    }
    formats.set(language, format);
  }
  return format;
}

/** The text before each item when `items` are joined in `language`: ["", " and "], ["", ", ", " and "]. */
export function listSeparators(items: readonly string[], language: string): string[] {
  if (items.length === 0) return [];
  const separators: string[] = [];
  let pending = '';
  for (const part of listFormat(language).formatToParts(items)) {
    if (part.type === 'element') {
      separators.push(pending);
      pending = '';
    } else pending += part.value;
  }
  return separators;
}

/** The items joined as one string: "A, B and C". */
export function joinList(items: readonly string[], language: string): string {
  return items.length === 0 ? '' : listFormat(language).format(items);
}
