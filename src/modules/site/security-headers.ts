import type { FastifyReply } from 'fastify';

// Public pages load nothing from anywhere but this origin. The one script is our own file (the
// reader-revenue appeal, /assets/appeal.<hash>.js): no inline script or style, no other origin,
// so an injected tag (a compromised import, a bad embed) stays inert.

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  // The appeal's anonymous counts (sendBeacon to /support/events) and its reminder; audit tools
  // (Lighthouse reads robots.txt from inside the page) fetch same-origin files too.
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * For RSS and Atom: a browser renders the feed through /feed.xsl into a page that loads the
 * theme's stylesheet. The transform's result lives under this policy, so it may take the XSL
 * (governed by script-src) and the CSS from this origin, and nothing else.
 */
export const FEED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** For the logo and other SVGs: an image must never act as a document. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

export function pageSecurityHeaders(siteUrl: string): Record<string, string> {
  return {
    'Content-Security-Policy': PAGE_CSP,
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Only over HTTPS; an onion or local HTTP address must stay reachable.
    ...(siteUrl.startsWith('https://') ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

export function applyPageSecurityHeaders(reply: FastifyReply, siteUrl: string): void {
  const headers = pageSecurityHeaders(siteUrl);
  for (const [name, value] of Object.entries(headers)) {
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
}
