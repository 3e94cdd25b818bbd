import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { filesUnder } from './source-hash.ts';
import { BUILD_RECORD } from './build-admin.ts';

export interface AdminFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Vite's content-hashed assets never change under their name. */
  immutable: boolean;
}

/** The built admin held in memory: index.html and every asset by its path under /admin/. */
export interface AdminFiles {
  index: AdminFile;
  /** Keyed by the path after /admin/, e.g. "assets/index-abc123.js". */
  assets: Map<string, AdminFile>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

function file(body: Buffer, name: string, immutable: boolean): AdminFile {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, contentType: TYPES[extname(name)] ?? 'application/octet-stream', etag, immutable };
}

/** Read dist/admin into memory, or undefined when it has not been built. */
export function loadAdminFiles(outDir: string): AdminFiles | undefined {
  if (!existsSync(join(outDir, 'index.html'))) return undefined;
  const assets = new Map<string, AdminFile>();
  for (const rel of filesUnder(outDir, '.')) {
    const name = rel.replace(/^\.\//, '');
    if (name === 'index.html' || name === BUILD_RECORD) continue;
    assets.set(name, file(readFileSync(join(outDir, name)), name, name.startsWith('assets/')));
  }
  return { index: file(readFileSync(join(outDir, 'index.html')), 'index.html', false), assets };
}
