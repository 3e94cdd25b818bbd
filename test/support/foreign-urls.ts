// Finds URLs that would make a reader's browser (or a feed reader) fetch from another origin:
// src, srcset, poster and CSS url(), in HTML, in HTML escaped inside XML, and in JSON strings.

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/** Undo the escaping of HTML carried in XML or in HTML attributes (twice: feeds nest it). */
function unescape(text: string): string {
  let out = text;
  for (let i = 0; i < 2; i++) {
    out = out.replace(/&quot;|&#39;|&#x27;|&lt;|&gt;/g, (e) => ENTITIES[e]!).replace(/&amp;/g, '&');
  }
  return out;
}

/** Every string inside a JSON document, so HTML in a JSON field is scanned as HTML. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** The resource URLs an HTML, XML or JSON text names in src, srcset, poster and CSS url(). */
export function resourceUrls(text: string): string[] {
  let source = text;
  if (/^\s*[[{]/.test(text)) {
    try {
      source = jsonStrings(JSON.parse(text)).join('\n');
    } catch {
      // not JSON after all
    }
  }
  source = unescape(source);
  const urls: string[] = [];
  for (const m of source.matchAll(/\b(?:src|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi)) {
    urls.push(m[1] ?? m[2] ?? m[3]!);
  }
  for (const m of source.matchAll(/\bsrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    for (const candidate of (m[1] ?? m[2]!).split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) urls.push(url);
    }
  }
  for (const m of source.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/gi)) {
    urls.push((m[1] ?? m[2] ?? m[3]!).trim());
  }
  return urls;
}

/** The resource URLs in `text` whose origin is not `siteUrl`'s (relative ones are the site's). */
export function foreignResourceUrls(text: string, siteUrl: string): string[] {
  const site = new URL(siteUrl).origin;
  return resourceUrls(text).filter((url) => {
    if (url.startsWith('data:') || url.startsWith('#') || url === '') return false;
    try {
      return new URL(url, siteUrl).origin !== site;
    } catch {
      return true;
    }
  });
}
