import { arr, kw, obj, out, raw, size, t, truthy, type Obj } from './liquid-output.ts';

// partials/head-meta and partials/site-header of the default theme (see index.ts): every page
// renders both with its own `page`, so neither could be kept like the footer.

/** partials/head-meta.liquid */
export function headMeta(args: Obj, globals: Obj): string {
  const page = obj(args.page);
  const site = obj(globals.site);
  const feeds = obj(site.feeds);
  const og = obj(page.og);
  const image = obj(og.image);
  const hasImage = truthy(og.image);
  const feedTitle = t(globals, 'feed.all', { name: kw(site.name) });
  return (
    `<meta name="description" content="${out(page.description)}">\n` +
    (truthy(page.robots) ? `<meta name="robots" content="${out(page.robots)}">\n` : '') +
    (truthy(page.canonical) ? `<link rel="canonical" href="${out(page.canonical)}">\n` : '') +
    arr(page.alternates)
      .map((a) => `<link rel="alternate" hreflang="${out(a.hreflang)}" href="${out(a.url)}">\n`)
      .join('') +
    `<link rel="alternate" type="application/rss+xml" title="${feedTitle} (RSS)" href="${out(feeds.rss)}">\n` +
    `<link rel="alternate" type="application/atom+xml" title="${feedTitle} (Atom)" href="${out(feeds.atom)}">\n` +
    `<link rel="alternate" type="application/feed+json" title="${feedTitle} (JSON)" href="${out(feeds.json)}">\n` +
    arr(page.feeds)
      .map(
        (f) => `<link rel="alternate" type="${out(f.type)}" title="${out(f.title)}" href="${out(f.url)}">\n`,
      )
      .join('') +
    (truthy(page.prev) ? `<link rel="prev" href="${out(page.prev)}">\n` : '') +
    (truthy(page.next) ? `<link rel="next" href="${out(page.next)}">\n` : '') +
    `<meta property="og:site_name" content="${out(site.name)}">\n` +
    `<meta property="og:type" content="${out(og.type)}">\n` +
    `<meta property="og:title" content="${out(og.title)}">\n` +
    `<meta property="og:description" content="${out(og.description)}">\n` +
    `<meta property="og:locale" content="${out(og.locale)}">\n` +
    (truthy(og.url) ? `<meta property="og:url" content="${out(og.url)}">\n` : '') +
    (hasImage
      ? `<meta property="og:image" content="${out(image.url)}">\n` +
        `<meta property="og:image:width" content="${out(image.width)}">\n` +
        `<meta property="og:image:height" content="${out(image.height)}">\n` +
        `<meta property="og:image:alt" content="${out(image.alt)}">\n`
      : '') +
    arr(og.extra)
      .map((m) => `<meta property="${out(m.property)}" content="${out(m.content)}">\n`)
      .join('') +
    `<meta name="twitter:card" content="${out(page.twitterCard)}">\n` +
    `<meta name="twitter:title" content="${out(og.title)}">\n` +
    `<meta name="twitter:description" content="${out(og.description)}">\n` +
    (hasImage
      ? `<meta name="twitter:image" content="${out(image.url)}">\n` +
        `<meta name="twitter:image:alt" content="${out(image.alt)}">\n`
      : '') +
    (truthy(page.jsonLd) ? `<script type="application/ld+json">${raw(page.jsonLd)}</script>\n` : '') +
    '\n'
  );
}

/** partials/site-header.liquid */
export function siteHeader(args: Obj, globals: Obj): string {
  const page = obj(args.page);
  const site = obj(globals.site);
  const home = page.kind === 'home';
  const logo = obj(site.logo);
  const brand = truthy(site.logo)
    ? `<img class="masthead__logo" src="${out(logo.url)}" alt="${out(site.name)}" width="${out(logo.width)}" ` +
      `height="${out(logo.height)}">`
    : out(site.name);
  const current = page.kind === 'listing' ? 'page' : 'true';
  const sections =
    (size(site.sections) ?? 0) > 0
      ? `<nav class="sections" aria-label="${t(globals, 'site.sections')}">\n<ul class="sections__list container">` +
        arr(site.sections)
          .map(
            (s) =>
              `\n<li><a href="${out(s.url)}"${truthy(s.current) ? ` aria-current="${current}"` : ''}>` +
              `${out(s.name)}</a></li>`,
          )
          .join('') +
        '\n</ul>\n</nav>'
      : '';
  return (
    `<header class="masthead">\n<div class="masthead__inner container">\n` +
    `${home ? '<h1 class="masthead__title">' : '<p class="masthead__title">'}` +
    `<a class="masthead__brand" href="${out(site.homeUrl)}">${brand}</a>${home ? '</h1>' : '</p>'}\n` +
    (site.description !== '' ? `<p class="masthead__tagline">${out(site.description)}</p>` : '') +
    `\n<a class="masthead__search" href="${out(site.searchUrl)}">${t(globals, 'site.search')}</a>\n</div>\n` +
    `${sections}\n</header>\n`
  );
}
