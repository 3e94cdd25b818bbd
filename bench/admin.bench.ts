// The admin at 100,000 articles (BENCH_ARTICLES to change): the bytes of its first load, the time
// until the articles list shows its rows in Debian's Chromium, the Admin API's list latencies and
// an autosave's round trip. On SQLite (the archive generated once into bench/.out/ and shared
// with site-archive.bench.ts), and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is
// set (generated into a throwaway schema each run). The server runs in this process over HTTP on
// 127.0.0.1; the owner is set up and signed in through the Admin API (TOTP from the secret, as
// a phone would) inside the browser context, so the browser holds the session cookie.
// Run alone with `npx tsx bench/admin.bench.ts`.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { connect, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { totpCode } from '../src/modules/staff/index.ts';
import { buildServer } from '../src/web/server.ts';
import {
  ADMIN_OUT_DIR,
  ensureAdminBuilt,
  loadAdminFiles,
  type AdminFiles,
} from '../src/web/admin-app/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/browser.ts';
import { archiveFile } from './site-archive.bench.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';
import { generateSyntheticArchive } from './synthetic-archive.ts';
import { freePort, median, rawGet } from './wrk.ts';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 100_000);
const LOAD_RUNS = 5;
const API_RUNS = Number(process.env.BENCH_ADMIN_API_RUNS ?? 20);
const AUTOSAVES = 20;
const API = '/api/admin/v1';

function log(line: string): void {
  console.error(`[admin] ${line}`);
}

async function builtAdmin(): Promise<AdminFiles> {
  await ensureAdminBuilt();
  const files = loadAdminFiles(ADMIN_OUT_DIR);
  if (!files) throw new Error('the admin build left no dist/admin/index.html');
  return files;
}

/** What index.html loads before anything runs: its scripts, module preloads and stylesheets. */
function firstRoundAssets(index: Buffer): string[] {
  const html = index.toString('utf8');
  const found = new Set<string>();
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const attrs = tag[0];
    const url = /\b(?:src|href)="([^"]+)"/.exec(attrs)?.[1];
    if (!url) continue;
    if (tag[1] === 'link' && !/\brel="(stylesheet|modulepreload)"/.test(attrs)) continue;
    found.add(url);
  }
  return [...found];
}

/** Bytes on the wire of index.html and its first-round assets, as the server sends them. */
async function firstLoadBytes(base: string, files: AdminFiles): Promise<Record<string, number>> {
  const paths = ['/admin/', ...firstRoundAssets(files.index.body)];
  const out: Record<string, number> = { firstLoadFiles: paths.length };
  for (const [name, encoding] of [
    ['identity', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
  ] as const) {
    let total = 0;
    for (const path of paths) {
      const res = await rawGet(base + path, { 'Accept-Encoding': encoding });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      // Files under @fastify/compress's threshold (1 KB, index.html) are sent as they are.
      const sent = res.headers['content-encoding'] ?? 'identity';
      if (sent !== encoding) log(`GET ${path} with ${encoding}: sent ${sent}, ${res.body.length} bytes`);
      total += res.body.length;
    }
    out[`firstLoad${name === 'identity' ? 'Raw' : name === 'gzip' ? 'Gzip' : 'Brotli'}KB`] = round(
      total / 1024,
    );
  }
  // What the same files would weigh compressed ahead of time at brotli's best quality.
  let best = files.index.body.length;
  for (const path of paths.slice(1)) {
    const asset = files.assets.get(path.replace(/^\/admin\//, ''));
    if (!asset) throw new Error(`index.html loads ${path}, which the build does not have`);
    best += brotliCompressSync(asset.body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  out.firstLoadBrotli11KB = round(best / 1024);
  log(`first load: ${paths.join(', ')}`);
  return out;
}

interface Signed {
  context: BrowserContext;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; ms: number }>;
}

/** The first owner, set up and signed in through the Admin API from inside a browser context. */
async function signedInOwner(browser: Browser, base: string, token: string): Promise<Signed> {
  const context = await browser.newContext({ baseURL: base });
  const request = context.request;
  let csrf: string | null = null;
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    const started = performance.now();
    const response = await request.fetch(API + path, {
      method,
      headers,
      ...(body !== undefined ? { data: body } : {}),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    return { status: response.status(), json: text ? (JSON.parse(text) as unknown) : null, ms };
  };
  const step = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body);
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    // A new session (setup, the second factor) comes with a new CSRF token.
    csrf = ((await call('GET', '/auth/state')).json as { csrf_token: string | null }).csrf_token;
    return answer.json as Record<string, unknown>;
  };
  await step('POST', '/auth/setup', {
    token,
    name: 'Bench Owner',
    email: 'owner@bench.example',
    password: 'a long walk by the river at dawn',
    language: 'en',
  });
  const { secret } = (await step('POST', '/auth/totp/enrol')) as { secret: string };
  await step('POST', '/auth/totp/enrol/confirm', { code: totpCode(secret, new Date()) });
  return { context, call };
}

/** Navigation to `path` until the list's rows are visible, in a fresh page each run (warm HTTP cache). */
async function timeToRows(context: BrowserContext, base: string, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    const page = await context.newPage();
    try {
      const started = performance.now();
      const trace: string[] = [];
      const at = () => Math.round(performance.now() - started);
      page.on('request', (req) => trace.push(`${at()} > ${req.url().slice(base.length)}`));
      page.on('requestfinished', (req) => trace.push(`${at()} < ${req.url().slice(base.length)}`));
      await page.goto(base + path, { waitUntil: 'commit' });
      trace.push(`${at()} committed`);
      await page.locator('tbody tr').first().waitFor({ state: 'visible', timeout: 120_000 });
      times.push(performance.now() - started);
      trace.push(`${at()} rows visible`);
      // The last run's requests, in ms from navigation: where the time goes.
      if (i === LOAD_RUNS - 1) log(`${path}: ${trace.join('; ')}`);
    } finally {
      await page.close();
    }
  }
  return times;
}

/** The first navigation with an empty HTTP cache: every script and style fetched. */
async function coldTimeToRows(
  browser: Browser,
  signed: Signed,
  base: string,
): Promise<{ ms: number; requests: number; wireKB: number }> {
  const state = await signed.context.storageState();
  const context = await browser.newContext({ baseURL: base, storageState: state });
  try {
    const page = await context.newPage();
    let requests = 0;
    let wire = 0;
    page.on('requestfinished', (req) => {
      requests++;
      void req
        .sizes()
        .then((s) => (wire += s.responseBodySize + s.responseHeadersSize))
        .catch(() => {});
    });
    const started = performance.now();
    await page.goto(`${base}/admin/`, { waitUntil: 'commit' });
    await page.locator('tbody tr').first().waitFor({ state: 'visible', timeout: 120_000 });
    const ms = performance.now() - started;
    await page.waitForLoadState('networkidle');
    return { ms, requests, wireKB: wire / 1024 };
  } finally {
    await context.close();
  }
}

async function apiMedian(signed: Signed, path: string, runs = API_RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const res = await signed.call('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.json)}`);
    times.push(res.ms);
  }
  return round(median(times), 2);
}

async function benchOn(dialect: 'sqlite' | 'postgres', admin: AdminFiles): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-admin-'));
  let db: Db;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const { file } = await archiveFile(COUNT);
    const database = join(dataDir, 'samizdat.sqlite');
    copyFileSync(file, database);
    db = await connect({ url: database });
    drop = () => db.close();
  } else {
    ({ db, drop } = await benchDb('postgres'));
    await migrateToLatest(db);
    log(`generating ${COUNT} articles on PostgreSQL...`);
    const archive = await generateSyntheticArchive(db, { count: COUNT, languages: ['en', 'ru'], seed: 1 });
    out[`${dialect}.generateSeconds`] = round(archive.seconds);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  try {
    const config = loadConfig({
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SITE_URL: base, SEED_DEMO: 'never' },
      cwd: dataDir,
    });
    const services = await createServices(config, { db });
    const app = await buildServer(services, { admin });
    await app.listen({ port, host: '127.0.0.1' });
    try {
      if (dialect === 'sqlite') Object.assign(out, await firstLoadBytes(base, admin));
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const token = await services.setupTokens.issueFirstOwnerToken();
      const signed = await signedInOwner(browser, base, token);

      const total = (await signed.call('GET', '/articles?limit=1')).json as { meta: { total: number } };
      out[`${dialect}.articles`] = total.meta.total;
      const cold = await coldTimeToRows(browser, signed, base);
      out[`${dialect}.listColdCacheMs`] = round(cold.ms);
      out[`${dialect}.listColdCacheRequests`] = cold.requests;
      log(`${dialect}: cold /admin/ ${round(cold.ms)} ms, ${cold.requests} requests`);
      const deep = Math.max(1, Math.min(2000, Math.floor(total.meta.total / 25)));
      for (const [name, path] of [
        ['list', '/admin/'],
        ['listDrafts', '/admin/?status=draft'],
        [`listPage${deep}`, `/admin/?page=${deep}`],
      ] as const) {
        const times = await timeToRows(signed.context, base, path);
        out[`${dialect}.${name}RowsVisibleMedianMs`] = round(median(times));
        log(`${dialect}: ${path} rows visible, median ${round(median(times))} ms of ${times.join(', ')}`);
      }

      const sample = await db.kysely
        .selectFrom('articles')
        .select(['id', 'title'])
        .where('status', '=', 'draft')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      const titled = await db.kysely
        .selectFrom('articles')
        .select('title')
        .where('language', '=', 'en')
        .orderBy('id')
        .offset(Math.floor(total.meta.total / 3))
        .limit(1)
        .executeTakeFirstOrThrow();
      const word = titled.title
        .split(/\s+/)
        .reduce((a, b) => (b.length > a.length ? b : a))
        .toLowerCase();
      const apiPage = Math.max(1, Math.min(2000, Math.floor(total.meta.total / 25)));
      for (const [name, query] of [
        ['apiList', 'limit=25'],
        ['apiPublished', 'limit=25&status=published'],
        ['apiDrafts', 'limit=25&status=draft'],
        ['apiQuery', `limit=25&q=${encodeURIComponent(word)}`],
        ['apiLanguage', 'limit=25&language=ru'],
        [`apiPage${apiPage}`, `limit=25&page=${apiPage}`],
      ] as const) {
        const ms = await apiMedian(signed, `/articles?${query}`);
        out[`${dialect}.${name}MedianMs`] = ms;
        log(`${dialect}: GET /articles?${query}: median ${ms} ms of ${API_RUNS}`);
      }

      // The editor's saver sends the changed fields, here the body's document tree, with the version.
      const got = (await signed.call('GET', `/articles/${sample.id}`)).json as {
        article: { version: number; body: { type: string; content?: unknown[] } };
      };
      let version = got.article.version;
      const saves: number[] = [];
      for (let i = 0; i < AUTOSAVES; i++) {
        const body = {
          ...got.article.body,
          content: [
            ...(got.article.body.content ?? []),
            { type: 'paragraph', content: [{ type: 'text', text: `Autosave ${i}: one more line.` }] },
          ],
        };
        const res = await signed.call('PATCH', `/articles/${sample.id}`, { version, body });
        if (res.status !== 200) throw new Error(`PATCH: ${res.status} ${JSON.stringify(res.json)}`);
        version = (res.json as { article: { version: number } }).article.version;
        saves.push(res.ms);
      }
      out[`${dialect}.autosaveMedianMs`] = round(median(saves), 2);
      log(`${dialect}: autosave median ${round(median(saves), 2)} ms of ${AUTOSAVES}`);
      await signed.context.close();
    } finally {
      await browser?.close();
      await app.close();
      await services.close();
    }
  } finally {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

export async function benchAdmin(): Promise<Record<string, number>> {
  const admin = await builtAdmin();
  const out = await benchOn('sqlite', admin);
  if (benchPostgresUrl) Object.assign(out, await benchOn('postgres', admin));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchAdmin());
}
