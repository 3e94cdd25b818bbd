/** A "/"-relative URL: a path on this site (not "//host/...", which names another host). */
export function isRootRelative(url: string): boolean {
  return url.startsWith('/') && url[1] !== '/' && url[1] !== '\\';
}

/**
 * A site path or an absolute URL, as an absolute URL: "/a" is joined to the public site URL,
 * which may carry a path prefix ("https://example.org/news" + "/a" gives
 * "https://example.org/news/a"); anything else (an absolute URL, "mailto:...") passes through.
 * The one helper for this: pages, feeds, sitemaps, APIs and e-mail all link the same way.
 */
export function absoluteUrl(siteUrl: string, pathOrUrl: string): string {
  if (!isRootRelative(pathOrUrl)) return pathOrUrl;
  return siteUrl.replace(/\/+$/, '') + pathOrUrl;
}
