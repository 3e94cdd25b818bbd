/**
 * An origin as a setting names it: `scheme://host[:port]`, http or https, nothing after the
 * authority but an optional "/". Returns the normalised form (lower case, no default port, no
 * trailing slash) or a sentence saying what is wrong.
 */
export function parseOrigin(text: string): { origin: string; host: string } | { error: string } {
  const value = text.trim();
  const match = /^(https?):\/\/([^/?#\s@]+)\/?$/i.exec(value);
  if (!match)
    return { error: `"${value}" is not an origin such as https://mirror.example (scheme and host, no path)` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `"${value}" is not a parseable URL` };
  }
  if (url.username || url.password) return { error: `"${value}" must not carry a user name or password` };
  const origin = `${url.protocol}//${url.host}`;
  return { origin, host: url.host };
}

/** A comma-separated list of origins; the first error found, or the normalised list (no duplicates). */
export function parseOriginList(text: string): { origins: string[] } | { error: string } {
  const origins: string[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const parsed = parseOrigin(part);
    if ('error' in parsed) return parsed;
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  return { origins };
}
