import { createRequire } from 'node:module';
import { z } from 'zod';

/** URL slugs: lowercase ASCII words joined by single hyphens, at most 120 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;

export const slugSchema = z
  .string()
  .max(MAX_SLUG_LENGTH, { message: `must be at most ${MAX_SLUG_LENGTH} characters` })
  .regex(SLUG_PATTERN, {
    message: 'must be lowercase letters, digits and single hyphens (e.g. "budget-2027")',
  });

// transliteration's tables (some 12 MB resident) are loaded at the first slug that needs them:
// reading the site makes no slugs.
let transliterate: typeof import('transliteration').transliterate | undefined;
const transliterator = () =>
  (transliterate ??= (createRequire(import.meta.url)('transliteration') as typeof import('transliteration'))
    .transliterate);

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
};

/**
 * A readable slug from a title in any script; empty when nothing usable remains. Cyrillic goes
 * through our own table (the spellings readers of Russian and Ukrainian news expect: х -> kh,
 * ё -> e); every other script through the `transliteration` package (Greek, Arabic, Chinese
 * pinyin, Georgian, Armenian...). Its aspiration marks (k`) are dropped rather than becoming hyphens.
 */
export function slugify(text: string): string {
  const latin = [...text.toLowerCase()].map((ch) => CYRILLIC[ch] ?? ch).join('');
  const decomposed = latin.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  // Only a title still outside ASCII goes to the library (from before the decomposition, which
  // would split Arabic letters), so Latin and Cyrillic titles come out as before.
  const ascii = /[^ -~\t\n\r]/.test(decomposed)
    ? transliterator()(latin)
        .replace(/`/g, '')
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
    : decomposed;
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug;
}
