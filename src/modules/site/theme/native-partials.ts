import { translate } from '../../../i18n/index.ts';

// The default theme's most rendered partials as TypeScript functions writing exactly the bytes
// their Liquid files write (a home page renders the card and picture partials forty times each:
// interpreting them was most of its template time). Used only while the theme folders resolve
// every one of these files to the default theme (theme-engine.ts): a newsroom that overrides one
// gets the Liquid of all of them. `native-partials.test.ts` renders each through both paths, and
// `rendered-parts.test.ts` every demo page; change a .liquid file here and its function together.

/** What a native partial is given: its `{% render %}` arguments and the render's globals. */
export type NativePartial = (args: Record<string, unknown>, globals: Record<string, unknown>) => string;

/** The partial files these functions stand in for (names as `{% render %}` gives them). */
export const NATIVE_PARTIAL_FILES = ['partials/card', 'partials/picture', 'partials/byline'] as const;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** Liquid's `{{ value }}` under `outputEscape: 'escape'`: nil is empty, arrays are joined. */
export function out(value: unknown): string {
  return text(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join('');
  return String(value);
}

/** Liquid's truthiness: only false and nil are false ('' and 0 are true). */
const truthy = (value: unknown): boolean => value !== false && value !== null && value !== undefined;

/** `{{ 'key' | t: name: value }}`: the theme engine's `t` filter, escaped like any output. */
function t(globals: Record<string, unknown>, key: string, vars: Record<string, number | string | null> = {}) {
  const lang = globals.lang;
  return out(translate(typeof lang === 'string' ? lang : 'en', key, vars));
}

/** `.size` of a Liquid value: an array's or string's length, else nothing (false in a comparison). */
const size = (value: unknown): number | undefined =>
  Array.isArray(value) || typeof value === 'string' ? value.length : undefined;

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value !== null && typeof value === 'object' ? (value as Obj) : {});

/** partials/picture.liquid */
export function picture(args: Obj): string {
  const p = obj(args.picture);
  const source =
    p.webpSrcset !== ''
      ? `<source type="image/webp" srcset="${out(p.webpSrcset)}" sizes="${out(p.sizes)}">`
      : '';
  const loading = truthy(p.eager) ? ' fetchpriority="high"' : ' loading="lazy"';
  return (
    `\n<picture class="picture">${source}<img src="${out(p.src)}" srcset="${out(p.srcset)}" ` +
    `sizes="${out(p.sizes)}" width="${out(p.width)}" height="${out(p.height)}" alt="${out(p.alt)}"` +
    `${loading} decoding="async"></picture>\n`
  );
}

/** partials/card.liquid */
export function card(args: Obj): string {
  const c = obj(args.card);
  const variant = args.variant;
  const level = out(args.level);
  const lang = truthy(c.foreign) ? ` lang="${out(c.lang)}"` : '';
  const section = obj(c.section);
  const media =
    truthy(c.picture) && variant !== 'headline'
      ? `<div class="card__media">${picture({ picture: c.picture })}</div>`
      : '';
  const kicker =
    truthy(args.show_section) && truthy(c.section)
      ? `<p class="card__kicker"><a href="${out(section.url)}">${out(section.name)}</a></p>`
      : '';
  const standfirst =
    variant !== 'headline' && c.standfirst !== ''
      ? `<p class="card__standfirst"${lang}>${out(c.standfirst)}</p>`
      : '';
  const authors = Array.isArray(c.authors) ? (c.authors as unknown[]).map(obj) : [];
  const byline =
    variant !== 'headline' && (size(c.authors) ?? 0) > 0
      ? `<span class="card__byline">${authors.map((a) => out(a.separator) + out(a.name)).join('')}</span> `
      : '';
  const published = obj(c.published);
  return (
    `\n<article class="card card--${out(variant)}">\n${media}\n<div class="card__body">\n${kicker}\n` +
    `<h${level} class="card__title"${lang}><a href="${out(c.url)}">${out(c.title)}</a></h${level}>\n` +
    `${standfirst}\n<p class="card__meta">${byline}<time datetime="${out(published.iso)}">` +
    `${out(published.text)}</time></p>\n</div>\n</article>\n`
  );
}

/** partials/byline.liquid */
export function byline(args: Obj, globals: Obj): string {
  const a = obj(args.article);
  const count = size(a.authors);
  const authors = Array.isArray(a.authors) ? (a.authors as unknown[]).map(obj) : [];
  const names =
    (count ?? 0) > 0
      ? `<p class="byline__authors">${t(globals, 'article.by', { count: count! })} ` +
        authors
          .map((x) => `${out(x.separator)}<a href="${out(x.url)}" rel="author">${out(x.name)}</a>`)
          .join('') +
        '</p>'
      : '';
  const published = obj(a.published);
  const updated = obj(a.updated);
  const update = truthy(a.updated)
    ? ` <span class="byline__updated">${t(globals, 'article.updated')} ` +
      `<time datetime="${out(updated.iso)}">${out(updated.text)}</time></span>`
    : '';
  return (
    `<div class="byline">\n${names}\n<p class="byline__dates"><span>${t(globals, 'article.published')} ` +
    `<time datetime="${out(published.iso)}">${out(published.text)}</time></span>${update}</p>\n</div>\n`
  );
}

export const NATIVE_PARTIALS: ReadonlyMap<string, NativePartial> = new Map<string, NativePartial>([
  ['partials/card', card],
  ['partials/picture', picture],
  ['partials/byline', byline],
]);
