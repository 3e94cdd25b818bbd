// Small, dependency-free readers for the HTML the site serves, for tests that check what a
// reader (or a reader's browser) would see.
import { request } from 'node:http';

/**
 * A GET whose body is the bytes on the wire (no automatic decompression, unlike fetch) and
 * whose path is sent exactly as written (a URL parser would resolve "%2e%2e" and "../" first).
 */
export function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The part of the page between the first match of `start` and the following match of `end`. */
export function between(html: string, start: string | RegExp, end: string | RegExp): string {
  const from = typeof start === 'string' ? html.indexOf(start) : html.search(start);
  if (from < 0) return '';
  const rest = html.slice(from);
  const to = typeof end === 'string' ? rest.indexOf(end) : rest.search(end);
  return to < 0 ? rest : rest.slice(0, to);
}

/** Every value of an attribute on every tag of a kind: attrs(html, 'img', 'src'). */
export function attrs(html: string, tag: string, attr: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))) {
    const value = new RegExp(`\\s${attr}="([^"]*)"`, 'i').exec(match[0]);
    if (value) out.push(value[1]!);
  }
  return out;
}

/** URLs that make a browser fetch something while showing the page (not links it may follow). */
export function subresourceUrls(html: string): string[] {
  const srcset = (v: string) => v.split(',').map((part) => part.trim().split(/\s+/)[0]!);
  const stylesheets = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /\srel="(stylesheet|icon|preload|modulepreload|manifest)"/i.test(tag))
    .map((tag) => /\shref="([^"]*)"/i.exec(tag)?.[1] ?? '');
  return [
    ...['img', 'script', 'iframe', 'video', 'audio', 'embed', 'source', 'track', 'input'].flatMap((t) =>
      attrs(html, t, 'src'),
    ),
    ...attrs(html, 'img', 'srcset').flatMap(srcset),
    ...attrs(html, 'source', 'srcset').flatMap(srcset),
    ...attrs(html, 'object', 'data'),
    ...stylesheets,
  ];
}

/** Site-internal page links (`href="/..."`), without fragments, deduplicated. */
export function internalLinks(html: string): string[] {
  const links = attrs(html, 'a', 'href').filter((h) => h.startsWith('/') && !h.startsWith('//'));
  return [...new Set(links.map((h) => h.replace(/&amp;/g, '&').split('#')[0]!))];
}
