import { obj, out, size, t, truthy, type Obj } from './liquid-output.ts';

// partials/card, partials/picture and partials/byline of the default theme (see index.ts).

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
