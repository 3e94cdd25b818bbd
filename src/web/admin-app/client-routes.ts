// The admin app's client-side routes: the SPA's router and the server's answer (index.html with
// 200 for these paths, 404 for any other /admin/... path) read this one table. Pure: the browser
// bundle imports it too.

export type AdminRouteName =
  | 'articles'
  | 'article-new'
  | 'article'
  | 'article-revisions'
  | 'media'
  | 'tags'
  | 'authors'
  | 'staff'
  | 'keys'
  | 'settings'
  | 'audit'
  | 'revenue'
  | 'newsletters'
  | 'newsletter-issue'
  | 'subscribers'
  | 'redirects'
  | 'appeal'
  | 'account'
  | 'sign-in'
  | 'setup'
  | 'invite'
  | 'reset';

export const ADMIN_BASE = '/admin';

/** Each route's path under /admin, `:name` marking a parameter (one path segment). */
export const ADMIN_ROUTES: ReadonlyArray<{ name: AdminRouteName; path: string }> = [
  { name: 'articles', path: '/' },
  { name: 'article-new', path: '/articles/new' },
  { name: 'article-revisions', path: '/articles/:id/revisions' },
  { name: 'article', path: '/articles/:id' },
  { name: 'media', path: '/media' },
  { name: 'tags', path: '/tags' },
  { name: 'authors', path: '/authors' },
  { name: 'staff', path: '/staff' },
  { name: 'keys', path: '/keys' },
  { name: 'settings', path: '/settings' },
  { name: 'audit', path: '/audit' },
  { name: 'revenue', path: '/revenue' },
  { name: 'newsletters', path: '/newsletters' },
  { name: 'newsletter-issue', path: '/newsletters/issues/:id' },
  { name: 'subscribers', path: '/subscribers' },
  { name: 'redirects', path: '/redirects' },
  { name: 'appeal', path: '/appeal' },
  { name: 'account', path: '/account' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'setup', path: '/setup' },
  { name: 'invite', path: '/invite' },
  { name: 'reset', path: '/reset' },
];

/** Screens a visitor without a full session may open. */
export const PUBLIC_ROUTES: ReadonlySet<AdminRouteName> = new Set(['sign-in', 'setup', 'invite', 'reset']);

export interface RouteMatch {
  name: AdminRouteName;
  params: Record<string, string>;
}

const SEGMENT = /^[^/]+$/;

/**
 * The route a pathname (without query) names, or null. `/admin` and `/admin/` are the articles
 * list; a trailing slash elsewhere is accepted too. Parameters are decoded; one that does not
 * decode, or is empty, matches nothing.
 */
export function matchAdminRoute(pathname: string): RouteMatch | null {
  if (pathname !== ADMIN_BASE && !pathname.startsWith(`${ADMIN_BASE}/`)) return null;
  let rest = pathname.slice(ADMIN_BASE.length) || '/';
  if (rest.length > 1 && rest.endsWith('/')) rest = rest.slice(0, -1);
  const parts = rest.split('/').slice(1);
  for (const route of ADMIN_ROUTES) {
    const pattern = route.path.split('/').slice(1);
    if (route.path === '/') {
      if (rest === '/') return { name: route.name, params: {} };
      continue;
    }
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const want = pattern[i] as string;
      const got = parts[i] as string;
      if (want.startsWith(':')) {
        let value: string;
        try {
          value = decodeURIComponent(got);
        } catch {
          return null;
        }
        if (!value || !SEGMENT.test(got)) ok = false;
        else params[want.slice(1)] = value;
      } else if (want !== got) ok = false;
    }
    if (ok) return { name: route.name, params };
  }
  return null;
}

/** The path of a route, parameters filled in (encoded). */
export function adminPath(name: AdminRouteName, params: Record<string, string> = {}): string {
  const route = ADMIN_ROUTES.find((r) => r.name === name);
  if (!route) throw new Error(`no admin route ${name}`);
  if (route.path === '/') return `${ADMIN_BASE}/`;
  return (
    ADMIN_BASE +
    route.path.replace(/:([a-z_]+)/g, (_m, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`admin route ${name} needs ${key}`);
      return encodeURIComponent(value);
    })
  );
}
