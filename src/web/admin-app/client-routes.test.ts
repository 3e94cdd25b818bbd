import { describe, expect, it } from 'vitest';
import { ADMIN_ROUTES, adminPath, matchAdminRoute } from './client-routes.ts';

describe('admin client routes', () => {
  it('names every route of the contract', () => {
    const cases: Array<[string, string, Record<string, string>]> = [
      ['/admin', 'articles', {}],
      ['/admin/', 'articles', {}],
      ['/admin/articles/new', 'article-new', {}],
      ['/admin/articles/a1b2', 'article', { id: 'a1b2' }],
      ['/admin/articles/a1b2/revisions', 'article-revisions', { id: 'a1b2' }],
      ['/admin/media', 'media', {}],
      ['/admin/tags', 'tags', {}],
      ['/admin/authors', 'authors', {}],
      ['/admin/staff', 'staff', {}],
      ['/admin/keys', 'keys', {}],
      ['/admin/settings/', 'settings', {}],
      ['/admin/audit', 'audit', {}],
      ['/admin/revenue', 'revenue', {}],
      ['/admin/newsletters', 'newsletters', {}],
      ['/admin/newsletters/issues/i-1', 'newsletter-issue', { id: 'i-1' }],
      ['/admin/subscribers', 'subscribers', {}],
      ['/admin/redirects', 'redirects', {}],
      ['/admin/appeal', 'appeal', {}],
      ['/admin/account', 'account', {}],
      ['/admin/sign-in', 'sign-in', {}],
      ['/admin/setup', 'setup', {}],
      ['/admin/invite', 'invite', {}],
      ['/admin/reset', 'reset', {}],
    ];
    for (const [path, name, params] of cases) expect(matchAdminRoute(path), path).toEqual({ name, params });
  });

  it('matches nothing else under /admin, nor outside it', () => {
    for (const path of [
      '/admin/nope',
      '/admin/articles',
      '/admin/articles/x/y',
      '/admin/articles//revisions',
      '/admin/tags/extra',
      '/admin/build.json',
      '/administrator',
      '/',
      '/api/admin/v1/articles',
      '/admin/articles/%E0%A4%A',
    ]) {
      expect(matchAdminRoute(path), path).toBeNull();
    }
  });

  it('builds paths that match back to the same route', () => {
    for (const route of ADMIN_ROUTES) {
      const path = adminPath(route.name, { id: 'a b/c' });
      expect(matchAdminRoute(path)?.name).toBe(route.name);
    }
    expect(adminPath('article', { id: 'a b/c' })).toBe('/admin/articles/a%20b%2Fc');
    expect(matchAdminRoute('/admin/articles/a%20b%2Fc')?.params).toEqual({ id: 'a b/c' });
  });
});
