// Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), over
// the real server with the demo publication seeded. One browser and one server per test file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { demoArticles, demoAuthors } from '../../src/modules/demo/index.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import { inCi, skipReason } from './ci.ts';
import { demoCopy } from './demo-template.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Quiet, offline, reproducible: no QUIC, no component or sync traffic, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why this machine cannot run browser tests, or undefined when it can. Only a developer's
 * machine may skip: in CI (CI set) a missing Chromium is a failure, so this stays undefined
 * there and the launch fails loudly.
 */
export const noBrowserReason: string | undefined = skipReason(
  existsSync(CHROMIUM_PATH),
  `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
);

/** Same rule for the Nu Html Checker's Java (not even looked for in CI: the checker's start fails). */
export const noJavaReason: string | undefined = skipReason(
  inCi || !spawnSync('java', ['-version'], { stdio: 'ignore' }).error,
  'HTML validity test skipped: no `java` on PATH (apt-get install default-jre-headless)',
);

function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: browser tests need it (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
}

/** Chromium through playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface DevtoolsChromium {
  /** The remote-debugging port (for Lighthouse's `port` flag). */
  port: number;
  close(): Promise<void>;
}

/** Chromium with a DevTools port and a throwaway profile, for tools that drive it over CDP. */
export async function launchDevtoolsChromium(): Promise<DevtoolsChromium> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'samizdat-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    // Its own process group, so closing it ends the zygotes and renderers with it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`Chromium did not open a DevTools port:\n${stderr}`)),
      30_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before opening a DevTools port:\n${stderr}`));
    });
  });
  return {
    port,
    async close() {
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, name);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM');
      const timer = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([exited, timer]);
      signal('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The public site as `samizdat serve` runs it, with the demo publication and Read more. */
export async function startDemoSite(dialect: DialectName = 'sqlite'): Promise<TestApp> {
  // A copy of this run's seeded demo (demo-template.ts): the seed runs once, not once per file.
  return startTestApp(dialect, { site: true, copy: await demoCopy(dialect, { env: {}, heroWidth: 640 }) });
}

/**
 * A fresh install: nothing published, no logo (the name is the masthead), and a pale accent, so
 * the theme's computed colours (dark text on the accent, darkened accent for links) are exercised.
 */
export async function startFreshSite(dialect: DialectName = 'sqlite'): Promise<TestApp> {
  const t = await startTestApp(dialect, { site: true });
  try {
    await t.services.settings.set({ name: 'The Pale Gazette', accent_color: '#ffd400' });
  } catch (err) {
    await t.close();
    throw err;
  }
  return t;
}

/** The pages a fresh install has. */
export const freshPages: AuditedPage[] = [
  { name: 'fresh home', path: '/', status: 200 },
  { name: 'fresh search', path: '/search?q=anything', status: 200 },
  { name: 'fresh archive', path: '/archive', status: 200 },
  { name: 'fresh 404', path: '/no-such-page', status: 404 },
];

function demoArticle(slug: string) {
  const article = demoArticles.find((a) => a.slug === slug);
  if (!article) throw new Error(`no demo article ${slug}`);
  return article;
}

/** Demo content the browser tests look for. */
export const demo = {
  english: demoArticle('lake-tuvor-is-shrinking-satellite-images'),
  russian: demoArticle('ozero-tuvor-meleet-sputnikovye-snimki'),
  penName: demoAuthors.find((a) => a.isPenName && a.slug === 'nika-dorn')!,
  /** An author page with everything an author page can show: portrait, role, Signal, PGP. */
  portraitAuthor: demoAuthors.find((a) => a.portrait && a.role && a.signalUsername && a.pgpFingerprint)!,
  section: { slug: 'environment', name: 'Environment' },
  sectionRu: { slug: 'ekologiya', name: 'Экология' },
  searchTerm: 'lake',
};

export interface AuditedPage {
  name: string;
  path: string;
  status: number;
}

/** The pages every audit covers: one of each kind a reader meets. */
export const auditedPages: AuditedPage[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'English article', path: `/articles/${demo.english.slug}`, status: 200 },
  { name: 'Russian article', path: `/articles/${demo.russian.slug}`, status: 200 },
  { name: 'section', path: `/tag/${demo.section.slug}`, status: 200 },
  { name: 'author (pen name)', path: `/author/${demo.penName.slug}`, status: 200 },
  { name: 'author (portrait)', path: `/author/${demo.portraitAuthor.slug}`, status: 200 },
  { name: 'search results', path: `/search?q=${demo.searchTerm}`, status: 200 },
  { name: 'archive', path: '/archive', status: 200 },
  { name: '404', path: '/no-such-page', status: 404 },
  { name: 'Russian home', path: '/ru/', status: 200 },
  { name: 'Russian section', path: `/ru/tag/${demo.sectionRu.slug}`, status: 200 },
  { name: 'Russian 404', path: '/ru/no-such-page', status: 404 },
];

/** Desktop and phone widths (the phone is an iPhone 12-15 sized viewport). */
export const viewports = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 390, height: 844 },
} as const;
