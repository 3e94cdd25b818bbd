import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { escapeXml } from '../../../lib/xml-text.ts';
import type { SiteSettings } from '../../settings/index.ts';
import { accentCss, accentPalette } from './accent-colors.ts';
import { appealScript } from '../../appeal/index.ts';

// The theme's static files (`assets/` in a theme folder), served fingerprinted and immutable:
// `/assets/site.3f9a1c0d2e.css`. Four are built, not copied: `appeal.js` is the appeal's script,
// bundled from the appeal module; `site.css` gets the accent colour
// prepended as custom properties, `logo.svg` is the publication's logo from the settings, and
// `icon.svg` is drawn from the accent colour and the name's initial unless a theme brings one.

export interface ThemeAsset {
  name: string;
  body: Buffer;
  contentType: string;
  hash: string;
}

/** Names a theme may use for its files: flat, lowercase, a known type. Nothing else is served. */
export const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(css|js|svg|png|jpg|webp|woff2|ico|txt)$/;
/** `/assets/<name>.<hash>.<ext>` */
export const FINGERPRINTED = /^([a-z0-9][a-z0-9-]*)\.([0-9a-f]{10})\.([a-z0-9]+)$/;

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  woff2: 'font/woff2',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
};

const fingerprint = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 10);

/**
 * The stylesheet minified by a CSS parser (lightningcss), which knows strings, urls and escapes:
 * rewriting CSS with regular expressions once collapsed the spaces inside `content: "..."`. CSS the
 * parser cannot read is served exactly as written; the browser is the judge of it then.
 */
/** Minifies the stylesheet on stdin into stdout; a stylesheet it cannot read exits non-zero. */
const MINIFY = `
const { transform } = require('lightningcss');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk)).on('end', () => {
  process.stdout.write(transform({ filename: process.argv[1], code: Buffer.concat(chunks), minify: true }).code);
});
`;

/** Where lightningcss is installed, whatever the server's working directory. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

let lastMinified: { css: Buffer; minified: Buffer } | undefined;

/**
 * The stylesheet minified, or as written when it cannot be read. lightningcss is native code
 * that stays mapped (some 5 MB resident) once loaded, for one stylesheet a process makes once per
 * settings change: it runs in a short-lived child process (as the appeal script's bundler does),
 * and the last result is kept for the next settings change.
 */
export function minifyCss(css: Buffer, filename: string): Buffer {
  if (lastMinified?.css.equals(css)) return lastMinified.minified;
  try {
    const minified = execFileSync(process.execPath, ['-e', MINIFY, filename], {
      input: css,
      cwd: PACKAGE_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    lastMinified = { css, minified };
    return minified;
  } catch {
    return css;
  }
}

export function generatedIcon(name: string, accent: string, onAccent: string): string {
  const initial = escapeXml(Array.from(name.trim())[0]?.toUpperCase() ?? 'S');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${accent}"/>` +
    `<text x="32" y="45" font-family="Georgia,serif" font-size="40" font-weight="700" text-anchor="middle" fill="${onAccent}">${initial}</text></svg>`
  );
}

/** The width and height an SVG declares (attributes, else its viewBox), for `<img width height>`. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const num = (attr: string) => {
    const m = new RegExp(`\\s${attr}="([\\d.]+)(px)?"`, 'i').exec(root);
    return m ? Number(m[1]) : undefined;
  };
  const width = num('width');
  const height = num('height');
  if (width && height) return { width: Math.round(width), height: Math.round(height) };
  const box = /\sviewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/i.exec(root);
  return box ? { width: Math.round(Number(box[1])), height: Math.round(Number(box[2])) } : undefined;
}

export class ThemeAssets {
  private built = new Map<string, ThemeAsset>();
  private builtFor: SiteSettings | undefined;

  /** `roots` are theme folders, the newsroom's first: its file wins over the default's. */
  constructor(
    private readonly roots: readonly string[],
    private readonly settings: () => SiteSettings,
  ) {}

  /** A theme file's bytes, from the first root that has it. */
  private file(name: string): Buffer | undefined {
    if (!ASSET_NAME.test(name)) return undefined;
    for (const root of this.roots) {
      const path = join(root, 'assets', name);
      if (existsSync(path)) return readFileSync(path);
    }
    return undefined;
  }

  private build(name: string, settings: SiteSettings): Buffer | undefined {
    if (name === 'site.css') {
      const css = this.file('site.css');
      // The accent colour comes first, as custom properties the stylesheet reads: the theme's
      // own CSS is never edited, only minified.
      return css
        ? Buffer.concat([Buffer.from(accentCss(settings.accent_color)), minifyCss(css, name)])
        : undefined;
    }
    // The appeal's script is built from its TypeScript source (the appeal module), not a theme file.
    if (name === 'appeal.js') return appealScript();
    if (name === 'logo.svg' && settings.logo_svg.trim()) return Buffer.from(settings.logo_svg);
    const file = this.file(name);
    if (file || name !== 'icon.svg') return file;
    const palette = accentPalette(settings.accent_color);
    return Buffer.from(generatedIcon(settings.name, palette.accent, palette.onAccent));
  }

  /** The asset as served now; settings changes (accent, logo) give new bytes and a new hash. */
  get(name: string): ThemeAsset | undefined {
    const settings = this.settings();
    if (settings !== this.builtFor) {
      this.built.clear();
      this.builtFor = settings;
    }
    if (!this.built.has(name)) {
      const body = ASSET_NAME.test(name) ? this.build(name, settings) : undefined;
      // Only files that exist are kept: a miss is any name a request makes up (/assets/x1.css,
      // /assets/x2.css ...), and remembering each would grow without end.
      if (!body) return undefined;
      const ext = name.slice(name.lastIndexOf('.') + 1);
      this.built.set(name, { name, body, contentType: CONTENT_TYPES[ext]!, hash: fingerprint(body) });
    }
    return this.built.get(name) ?? undefined;
  }

  /** `/assets/site.<hash>.css`; throws for a file no theme has, so a template typo fails loudly. */
  urlOf(name: string): string {
    const asset = this.get(name);
    if (!asset) throw new Error(`theme asset "${name}" does not exist in ${this.roots.join(' or ')}`);
    const dot = name.lastIndexOf('.');
    return `/assets/${name.slice(0, dot)}.${asset.hash}${name.slice(dot)}`;
  }

  /** Resolves a requested `/assets/<file>`: the asset and whether the hash is the current one. */
  resolve(file: string): { asset: ThemeAsset; current: boolean } | undefined {
    const match = FINGERPRINTED.exec(file);
    if (!match) return undefined;
    const asset = this.get(`${match[1]}.${match[3]}`);
    return asset ? { asset, current: asset.hash === match[2] } : undefined;
  }
}
