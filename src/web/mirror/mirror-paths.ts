// Where each public address lives in a mirror folder, and how one mirror file links another.
// Pure: no file system, no server.
//
// Pretty addresses become folders with an index.html (/tag/economy -> tag/economy/index.html);
// addresses with an extension (/feed.xml, /assets/site.1a2b.css, /media/.../w400.jpg) stay files.
// Links between mirror files are relative and name index.html explicitly, so the folder works
// from any origin and any sub-path, on servers that serve a folder's index.html and on those that
// do not (a bucket's REST endpoint, an IPFS gateway without index handling, a file:// copy).

/** A file name extension at the end of an address: the address is a file, not a folder. */
const HAS_EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

/**
 * The mirror file (relative to the folder, "/"-separated) for a site path such as
 * "/articles/slug?x=1#top"; undefined for a path a folder cannot hold (dot segments, NUL,
 * backslashes) or that is not a site path.
 */
export function fileForPath(path: string): string | undefined {
  const bare = stripQuery(path);
  if (!bare.startsWith('/') || bare.startsWith('//')) return undefined;
  const segments = bare.slice(1).split('/');
  const decoded: string[] = [];
  for (const [i, raw] of segments.entries()) {
    if (raw === '' && i === segments.length - 1) break; // a trailing slash
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[\\/\0]/.test(segment)) return undefined;
    decoded.push(segment);
  }
  const last = decoded.at(-1);
  if (last === undefined || bare.endsWith('/') || !HAS_EXTENSION.test(last)) decoded.push('index.html');
  return decoded.join('/');
}

/** The address without its query and fragment. */
export function stripQuery(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

/** The query and fragment of an address ("" when it has none). */
function queryOf(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? '' : path.slice(cut);
}

/**
 * A relative link from mirror file `fromFile` to site path `toPath`, keeping its query and
 * fragment (a static server ignores the query). Each segment is percent-encoded again.
 */
export function relativeLink(fromFile: string, toPath: string): string | undefined {
  const target = fileForPath(toPath);
  if (target === undefined) return undefined;
  const from = fromFile.split('/').slice(0, -1);
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).map((s) => encodeURIComponent(s).replace(/%40/g, '@'));
  return '../'.repeat(up) + rest.join('/') + queryOf(toPath);
}

/**
 * The site path a URL names when it is internal: "/x" as it is, or an absolute URL under
 * `siteUrl` (its origin and path prefix). undefined for other sites, "//host" and non-HTTP schemes.
 */
export function internalPath(url: string, siteUrl: string): string | undefined {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  const base = siteUrl.replace(/\/+$/, '');
  if (url === base) return '/';
  if (url.startsWith(`${base}/`) || url.startsWith(`${base}?`) || url.startsWith(`${base}#`)) {
    const rest = url.slice(base.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return undefined;
}

/** Addresses the mirror never holds: the admin, the APIs, the server's own checks. */
export function isServerOnly(path: string): boolean {
  return /^\/(admin|api|health|healthz)(\/|$|\?)/.test(path);
}
