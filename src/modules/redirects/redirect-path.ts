import { hasControlCharacter } from '../../lib/text-schemas.ts';

// How an old address is kept and looked up. Pure.
//
// An old address is a path, and sometimes a query that names the page (WordPress's `/?p=123`,
// `/?page_id=7`). Everything else in a query (utm_source, fbclid…) is noise a reader's link may
// carry, so only those naming parameters are kept, in a fixed order. Trailing slashes are not
// significant (`/2019/05/slug/` and `/2019/05/slug` are the same old page); percent-encoding is
// decoded, so `/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8` and `/новости` are one key.

/** Query parameters that name a page on the platforms we import from. */
export const NAMING_PARAMETERS = ['p', 'page_id'] as const;

/** Longest key kept: far above any real permalink, short enough to index. */
export const MAX_REDIRECT_PATH = 1000;

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The key for an old address given as a full URL ("https://old.example/2019/05/slug/") or a
 * path ("/p/slug", "/?p=12"), or null when it is no address of a page.
 */
export function redirectKey(address: string): string | null {
  const trimmed = address.trim();
  if (trimmed === '' || hasControlCharacter(trimmed)) return null;
  let url: URL;
  try {
    url = /^[a-z][a-z0-9+.-]*:/i.test(trimmed)
      ? new URL(trimmed)
      : new URL(trimmed.startsWith('/') ? trimmed : `/${trimmed}`, 'http://x.invalid');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  let path = decodePath(url.pathname).replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (path === '') path = '/';
  const query = NAMING_PARAMETERS.flatMap((name) => {
    const value = url.searchParams.get(name);
    return value !== null && value !== '' ? [`${name}=${encodeURIComponent(value)}`] : [];
  });
  const key = query.length > 0 ? `${path}?${query.join('&')}` : path;
  return key.length > MAX_REDIRECT_PATH ? null : key;
}

/**
 * The keys a request may match, most precise first: path with its naming query, then the
 * path alone (so `/?p=12&utm_source=x` finds `/?p=12`, and `/slug/?fbclid=…` finds `/slug`).
 */
export function lookupKeys(requestUrl: string): string[] {
  const key = redirectKey(requestUrl);
  if (key === null) return [];
  const at = key.indexOf('?');
  return at === -1 ? [key] : [key, key.slice(0, at)];
}

/** Whether a redirect's target is one we send readers to: a path here, or an http(s) URL. */
export function isRedirectTarget(target: string): boolean {
  if (target.length > 2000 || hasControlCharacter(target) || /\s/.test(target)) return false;
  if (target.startsWith('/')) return !target.startsWith('//') && !target.startsWith('/\\');
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
