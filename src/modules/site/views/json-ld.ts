// Structured data for search engines and link previews. Only public facts: a pen name is the
// author's name here as everywhere.

/** JSON that can sit inside `<script type="application/ld+json">`: nothing in it can close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface NewsArticleFacts {
  url: string;
  headline: string;
  description: string;
  language: string;
  datePublished: string;
  dateModified: string;
  /** Absolute URLs, largest first. */
  images: string[];
  authors: Array<{ name: string; url: string }>;
  section: string | null;
  keywords: string[];
  publisher: { name: string; url: string; logo: { url: string; width: number; height: number } | null };
}

export function newsArticleJsonLd(facts: NewsArticleFacts): string {
  const publisher = {
    '@type': 'NewsMediaOrganization',
    name: facts.publisher.name,
    url: facts.publisher.url,
    ...(facts.publisher.logo
      ? {
          logo: {
            '@type': 'ImageObject',
            url: facts.publisher.logo.url,
            width: facts.publisher.logo.width,
            height: facts.publisher.logo.height,
          },
        }
      : {}),
  };
  return jsonForScript({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': facts.url },
    url: facts.url,
    headline: facts.headline.slice(0, 110),
    description: facts.description,
    inLanguage: facts.language,
    datePublished: facts.datePublished,
    dateModified: facts.dateModified,
    ...(facts.images.length ? { image: facts.images } : {}),
    author: facts.authors.map((a) => ({ '@type': 'Person', name: a.name, url: a.url })),
    ...(facts.section ? { articleSection: facts.section } : {}),
    ...(facts.keywords.length ? { keywords: facts.keywords } : {}),
    publisher,
    isAccessibleForFree: true,
  });
}

export function websiteJsonLd(site: {
  name: string;
  url: string;
  searchUrl: string;
  description: string;
}): string {
  return jsonForScript({
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    url: site.url,
    description: site.description,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${site.searchUrl}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  });
}
