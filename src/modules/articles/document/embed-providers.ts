// The few third-party players we recognise. An iframe from anywhere else is dropped.
// We never store the player URL itself: each provider maps its player URL to the canonical public
// page of the same content, which is what readers get (a link, never an iframe: see README).

export const EMBED_PROVIDERS = [
  'youtube',
  'vimeo',
  'soundcloud',
  'spotify',
  'datawrapper',
  'flourish',
] as const;
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];

export interface ResolvedEmbed {
  provider: EmbedProvider;
  /** The canonical public URL of the content, always https. */
  url: string;
}

interface ProviderRule {
  provider: EmbedProvider;
  hosts: string[];
  /** Reader-facing label of the link card. */
  label: string;
  canonical: (url: URL) => string | undefined;
}

const YOUTUBE_ID = /^[\w-]{11}$/;
const NUMERIC_ID = /^\d{1,20}$/;
const TOKEN = /^[\w-]{1,64}$/;

function youtube(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | null | undefined;
  if (url.hostname === 'youtu.be') id = parts[0];
  else if (parts[0] === 'watch') id = url.searchParams.get('v');
  else if (parts[0] === 'embed' || parts[0] === 'shorts' || parts[0] === 'live' || parts[0] === 'v')
    id = parts[1];
  return id && YOUTUBE_ID.test(id) ? `https://www.youtube.com/watch?v=${id}` : undefined;
}

function vimeo(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  const id = url.hostname === 'player.vimeo.com' ? (parts[0] === 'video' ? parts[1] : undefined) : parts[0];
  if (!id || !NUMERIC_ID.test(id)) return undefined;
  // Unlisted videos need their privacy hash, carried as ?h= by the player or as a second segment.
  const hash = url.hostname === 'player.vimeo.com' ? url.searchParams.get('h') : parts[1];
  return hash && /^[0-9a-f]{6,40}$/.test(hash)
    ? `https://vimeo.com/${id}/${hash}`
    : `https://vimeo.com/${id}`;
}

function soundcloud(url: URL): string | undefined {
  if (url.hostname !== 'w.soundcloud.com') return publicPath(url, 'https://soundcloud.com', 2);
  const target = url.searchParams.get('url');
  if (!target) return undefined;
  let inner: URL;
  try {
    inner = new URL(target);
  } catch {
    return undefined;
  }
  if (inner.hostname === 'soundcloud.com') return publicPath(inner, 'https://soundcloud.com', 2);
  // api.soundcloud.com/tracks/123 has no public page of its own: the widget page is the public page.
  const parts = inner.pathname.split('/').filter(Boolean);
  if (inner.hostname !== 'api.soundcloud.com' || parts.length !== 2 || !NUMERIC_ID.test(parts[1] ?? '')) {
    return undefined;
  }
  if (!['tracks', 'playlists', 'users'].includes(parts[0] ?? '')) return undefined;
  const api = `https://api.soundcloud.com/${parts[0]}/${parts[1]}`;
  return `https://w.soundcloud.com/player/?url=${encodeURIComponent(api)}`;
}

/** "https://soundcloud.com/artist/track" style: keep up to `max` clean path segments. */
function publicPath(url: URL, origin: string, max: number): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length === 0 || parts.length > max || !parts.every((p) => TOKEN.test(p))) return undefined;
  return `${origin}/${parts.join('/')}`;
}

function spotify(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'embed' || parts[0] === 'embed-podcast') parts.shift();
  const [kind, id] = parts;
  if (!kind || !id || !['track', 'album', 'playlist', 'episode', 'show', 'artist'].includes(kind))
    return undefined;
  return /^[A-Za-z0-9]{22}$/.test(id) ? `https://open.spotify.com/${kind}/${id}` : undefined;
}

function datawrapper(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  const id = parts[0] === 'chart' ? parts[1] : parts[0];
  return id && /^[A-Za-z0-9]{5}$/.test(id) ? `https://datawrapper.dwcdn.net/${id}/` : undefined;
}

function flourish(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  const [kind, id] = parts;
  if ((kind !== 'visualisation' && kind !== 'story') || !id || !NUMERIC_ID.test(id)) return undefined;
  return `https://public.flourish.studio/${kind}/${id}/`;
}

const RULES: ProviderRule[] = [
  {
    provider: 'youtube',
    label: 'Watch on YouTube',
    hosts: [
      'youtube.com',
      'www.youtube.com',
      'm.youtube.com',
      'youtube-nocookie.com',
      'www.youtube-nocookie.com',
      'youtu.be',
    ],
    canonical: youtube,
  },
  {
    provider: 'vimeo',
    label: 'Watch on Vimeo',
    hosts: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'],
    canonical: vimeo,
  },
  {
    provider: 'soundcloud',
    label: 'Listen on SoundCloud',
    hosts: ['soundcloud.com', 'www.soundcloud.com', 'w.soundcloud.com'],
    canonical: soundcloud,
  },
  { provider: 'spotify', label: 'Listen on Spotify', hosts: ['open.spotify.com'], canonical: spotify },
  {
    provider: 'datawrapper',
    label: 'See the chart on Datawrapper',
    hosts: ['datawrapper.dwcdn.net', 'app.datawrapper.de'],
    canonical: datawrapper,
  },
  {
    provider: 'flourish',
    label: 'See the graphic on Flourish',
    hosts: ['flo.uri.sh', 'public.flourish.studio'],
    canonical: flourish,
  },
];

/**
 * Recognises a player or public URL of an allow-listed provider and returns its canonical public
 * URL, or undefined for anything else (unknown host, unknown path shape, non-http scheme).
 */
export function resolveEmbed(raw: unknown): ResolvedEmbed | undefined {
  if (typeof raw !== 'string' || raw.length > 2048) return undefined;
  let url: URL;
  try {
    // Protocol-relative "//www.youtube.com/embed/..." is common in pasted embed codes.
    url = new URL(raw.trim().startsWith('//') ? `https:${raw.trim()}` : raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.port) return undefined;
  const rule = RULES.find((r) => r.hosts.includes(url.hostname));
  const canonical = rule?.canonical(url);
  return rule && canonical ? { provider: rule.provider, url: canonical } : undefined;
}

/** True when the URL is already the canonical public URL for that provider. */
export function isCanonicalEmbed(provider: unknown, url: unknown): boolean {
  const resolved = resolveEmbed(url);
  return resolved !== undefined && resolved.provider === provider && resolved.url === url;
}

export function embedLabel(provider: EmbedProvider): string {
  return RULES.find((r) => r.provider === provider)?.label ?? 'Open';
}
