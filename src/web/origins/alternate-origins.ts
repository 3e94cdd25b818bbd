import { parseOrigin, parseOriginList } from '../../lib/parse-origin.ts';

// Other public origins serving the same site (a CDN-fronted domain, the onion address). A page
// asked for on one of them keeps its links there; its canonical link, og:url, hreflang
// alternates, JSON-LD and the feeds' entry ids stay on SITE_URL, the site's one identity.
//
// Which origin a request is for comes from its Host header alone, compared exactly with the
// listed hosts: the scheme is the listed origin's (the server does not trust X-Forwarded-Proto,
// see server.ts), so "https://cdn.example" means "Host: cdn.example, links in https". A Host
// that is not listed (another name, a port, a path, junk) changes nothing: SITE_URL's page.

/** Spans that name the page's identity rather than link to it: never rewritten. */
const KEPT = [
  String.raw`<link\b[^>]*\brel="canonical"[^>]*>`,
  String.raw`<meta\b[^>]*\bproperty="og:url"[^>]*>`,
  String.raw`<link\b[^>]*\bhreflang=[^>]*>`,
  String.raw`<script type="application/ld\+json">[\s\S]*?</script>`,
  String.raw`<guid\b[^>]*>[^<]*</guid>`,
  String.raw`<id>[^<]*</id>`,
  String.raw`"id"\s*:\s*"[^"]*"`,
  // A signed document (the mirror list) is never altered: its signature covers every byte.
  String.raw`^\{\s*"format":\s*"samizdat-mirrors/1"[\s\S]*$`,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class AlternateOrigins {
  /** Listed host (as a Host header carries it) → origin. */
  private readonly byHost = new Map<string, string>();
  private readonly siteOrigin: string;
  private readonly pattern: RegExp;

  constructor(siteUrl: string, origins: readonly string[]) {
    this.siteOrigin = new URL(siteUrl).origin;
    for (const text of origins) {
      const parsed = parseOrigin(text);
      if ('error' in parsed) throw new Error(parsed.error);
      if (parsed.origin === this.siteOrigin) continue;
      if (!this.byHost.has(parsed.host)) this.byHost.set(parsed.host, parsed.origin);
    }
    // The site's origin where a URL starts: followed by a path, a quote, a tag or the end, never
    // by more host name ("https://news.example.evil").
    this.pattern = new RegExp(
      `(${KEPT.join('|')})|${escapeRegExp(this.siteOrigin)}(?=[/"'<>\\s?#&)]|$)`,
      'g',
    );
  }

  /** From ALTERNATE_ORIGINS and ONION_ADDRESS (the onion address is always one). */
  static fromConfig(config: {
    SITE_URL: string;
    ALTERNATE_ORIGINS?: string;
    ONION_ADDRESS?: string | undefined;
  }): AlternateOrigins {
    const listed = parseOriginList(config.ALTERNATE_ORIGINS ?? '');
    if ('error' in listed) throw new Error(`ALTERNATE_ORIGINS: ${listed.error}`);
    const onion = config.ONION_ADDRESS ? [config.ONION_ADDRESS.replace(/\/+$/, '')] : [];
    return new AlternateOrigins(config.SITE_URL, [...listed.origins, ...onion]);
  }

  get size(): number {
    return this.byHost.size;
  }

  /** The listed origin a Host header names exactly, or undefined (SITE_URL's answer). */
  originFor(host: string | string[] | undefined): string | undefined {
    if (typeof host !== 'string' || this.byHost.size === 0) return undefined;
    return this.byHost.get(host.toLowerCase());
  }

  /** `body` with SITE_URL's origin replaced by `origin` wherever it links, identity spans kept. */
  rewrite(body: string, origin: string): string {
    return body.replace(this.pattern, (match, kept: string | undefined) => kept ?? origin);
  }
}
