// Reference servers for the site benchmark: nginx serving saved bytes, nginx caching in front of
// Samizdat, and a bare node:http server — what a page could cost at best on this machine.
import { spawn, spawnSync } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, freePort, SKIPPED_LOAD_TOOLS, stop, waitUntilAnswering } from './wrk.ts';

export interface SavedResponse {
  /** Served at this path. */
  path: string;
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** A reference server in a child process (nginx or bare node:http). */
export interface ReferenceServer {
  baseUrl: string;
  stop(): Promise<void>;
}

// Headers nginx writes itself (or that describe the connection, not the response).
const NGINX_OWN_HEADERS = new Set([
  'connection',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
  'last-modified',
  'transfer-encoding',
]);

/** nginx (2 workers, no access log, keep-alive requests uncapped as in Node) running `conf`. */
async function launchNginx(
  dir: string,
  conf: { http?: string; server: string; probe: string },
): Promise<ReferenceServer> {
  const nginx = findExecutable('nginx');
  if (!nginx) throw new Error(SKIPPED_LOAD_TOOLS);
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${join(dir, `${name}-temp`)};`;
  const text = `daemon off;
worker_processes 2;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000000;
${conf.http ?? ''}
  server {
    listen 127.0.0.1:${port};
${conf.server}
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), text);
  const args = ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];
  const test = spawnSync(nginx, ['-t', ...args], { encoding: 'utf8', timeout: 10_000 });
  if (test.status !== 0) throw new Error(`nginx refused its configuration:\n${test.stderr}`);
  const child = spawn(nginx, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const ok = (status: number) => status === 200;
  try {
    await waitUntilAnswering(
      baseUrl + conf.probe,
      child,
      () => output + readLog(join(dir, 'error.log')),
      10_000,
      ok,
    );
  } catch (err) {
    await stop(child, 'nginx');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  // nginx's workers leave with the master on SIGTERM.
  return {
    baseUrl,
    stop: async () => {
      await stop(child, 'nginx');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-5000);
  } catch {
    return '';
  }
}

/** A temporary directory of its own; run as root, nginx's workers become `nobody` and must read it. */
function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `samizdat-bench-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * The reference: nginx serving saved response bodies as static files, with the same headers
 * Samizdat sent.
 */
export async function startNginx(responses: SavedResponse[]): Promise<ReferenceServer> {
  const dir = tempDir('nginx');
  mkdirSync(join(dir, 'www'));
  const locations = responses.map((r, i) => {
    const file = join(dir, 'www', `response-${i}`);
    writeFileSync(file, r.body);
    const headers = Object.entries(r.headers)
      .filter(
        ([name, value]) => !NGINX_OWN_HEADERS.has(name) && typeof value === 'string' && !value.includes('$'),
      )
      .map(
        ([name, value]) => `      add_header ${name} "${String(value).replace(/["\\]/g, '\\$&')}" always;`,
      );
    return [
      `    location = ${r.path} {`,
      '      etag off;',
      `      default_type "${String(r.headers['content-type'] ?? 'text/html; charset=utf-8')}";`,
      `      alias ${file};`,
      ...headers,
      '    }',
    ].join('\n');
  });
  return launchNginx(dir, { server: locations.join('\n'), probe: responses[0]?.path ?? '/' });
}

/**
 * nginx as a caching reverse proxy in front of `upstream`, keeping what Samizdat's Cache-Control
 * (s-maxage) allows, one copy per Accept-Encoding (Vary): the deployment that takes the hot
 * pages off Node entirely.
 */
export async function startNginxCache(upstream: string, probe: string): Promise<ReferenceServer> {
  const dir = tempDir('nginx-cache');
  const server = `    location / {
      proxy_pass http://samizdat;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_lock on;
      proxy_cache_use_stale updating;
      add_header X-Cache $upstream_cache_status;
    }`;
  const http = `  proxy_cache_path ${join(dir, 'cache')} levels=1:2 keys_zone=pages:10m max_size=256m;
  upstream samizdat {
    server ${upstream.replace(/^https?:\/\//, '')};
    keepalive 32;
  }`;
  return launchNginx(dir, { http, server, probe });
}

// The same saved responses from bare node:http in its own process: no framework, no routing.
const NODE_STATIC_SERVER = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const [dir, port] = process.argv.slice(1);
const routes = new Map(JSON.parse(readFileSync(dir + '/node-static.json', 'utf8')).map(
  (r) => [r.path, { headers: { ...r.headers, 'content-length': readFileSync(r.file).length }, body: readFileSync(r.file) }],
));
createServer((req, res) => {
  const r = routes.get(req.url);
  if (!r) { res.writeHead(404).end(); return; }
  res.writeHead(200, r.headers).end(r.body);
}).listen(Number(port), '127.0.0.1');
`;

/** A reference for what Node itself costs: bare node:http serving saved responses from memory. */
export async function startNodeStatic(responses: SavedResponse[]): Promise<ReferenceServer> {
  const port = await freePort();
  const dir = tempDir('node-static');
  mkdirSync(join(dir, 'node-static'));
  const routes = responses.map((r, i) => {
    const file = join(dir, 'node-static', `response-${i}`);
    writeFileSync(file, r.body);
    const headers = Object.fromEntries(
      Object.entries(r.headers).filter(
        ([name]) =>
          !['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding'].includes(name),
      ),
    );
    return { path: r.path, file, headers };
  });
  writeFileSync(join(dir, 'node-static.json'), JSON.stringify(routes));
  const child = spawn(process.execPath, ['-e', NODE_STATIC_SERVER, dir, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(
      `${baseUrl}${responses[0]?.path ?? '/'}`,
      child,
      () => output,
      10_000,
      (s) => s === 200,
    );
  } catch (err) {
    await stop(child, 'node:http');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    baseUrl,
    stop: async () => {
      await stop(child, 'node:http');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
