export const ROBOTS_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Paths no crawler has business in: the newsroom's admin app and API. */
export const DISALLOWED_PATHS = ['/api/admin/', '/admin'];

export function buildRobotsTxt(options: { sitemapUrls: string[]; disallow?: string[] }): string {
  const lines = [
    'User-agent: *',
    'Allow: /',
    ...(options.disallow ?? DISALLOWED_PATHS).map((path) => `Disallow: ${path}`),
    '',
    ...options.sitemapUrls.map((url) => `Sitemap: ${url}`),
  ];
  return `${lines.join('\n')}\n`;
}
