import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { en } from '../../../i18n/messages/en.ts';
import { siteSettingsSchema } from '../../settings/site-settings.ts';
import { createThemeEngine, DEFAULT_THEME_DIR, themeRoots } from './theme-engine.ts';
import { minifyCss, svgSize } from './theme-assets.ts';

const settings = siteSettingsSchema.parse({
  name: 'Ilmara',
  accent_color: '#b8402a',
  time_zone: 'UTC',
  languages: ['ru'],
});

function templates(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.liquid'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

describe('default theme', () => {
  it('uses only message keys the catalogue has', () => {
    const used = templates(DEFAULT_THEME_DIR).flatMap((t) =>
      [...t.matchAll(/'([a-z_.0-9]+)' \| t\b/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(30);
    const plural = (key: string) => Object.hasOwn(en, `${key}.other`);
    for (const key of used) expect(Object.hasOwn(en, key) || plural(key), key).toBe(true);
  });

  it('never writes an inline style or script handler', () => {
    for (const template of templates(DEFAULT_THEME_DIR)) {
      // A script is JSON-LD data or a first-party file (the appeal's): never inline code.
      expect(template).not.toMatch(
        /\sstyle=|<style|\son[a-z]+=|<script(?! type="application\/ld\+json"| src="\{\{ site\.appeal\.script \}\}")/,
      );
    }
  });
});

describe('theme engine', () => {
  it('escapes output unless a template says raw, and translates into the page language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theme-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'probe.liquid'),
      "{{ text }}|{{ html | raw }}|{{ 'support.title' | t: name: site.name }}",
    );
    const engine = createThemeEngine({ roots: [dir, DEFAULT_THEME_DIR], settings: () => settings });
    const out = await engine.render(
      'probe',
      { text: '<b>"x"</b>', html: '<i>ok</i>' },
      { lang: 'ru', site: { name: 'A&B' } },
    );
    expect(out).toBe('&lt;b&gt;&#34;x&#34;&lt;/b&gt;|<i>ok</i>|Поддержите «A&amp;B»!');
  });

  it('looks in THEME_DIR first and falls back to the default theme', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theme-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'partials'));
    writeFileSync(join(dir, 'partials', 'support-banner.liquid'), 'OURS');
    const roots = themeRoots(dir);
    expect(roots).toEqual([dir, DEFAULT_THEME_DIR]);
    const engine = createThemeEngine({ roots, settings: () => settings });
    writeFileSync(
      join(dir, 'both.liquid'),
      "{% render 'partials/support-banner' %}+{% render 'partials/translations', translations: list %}",
    );
    const out = await engine.render('both', { list: [] }, { lang: 'en', site: {} });
    expect(out.startsWith('OURS+')).toBe(true);
    expect(out).toContain('class="translations"');
    expect(() => themeRoots('/no/such/theme')).toThrow(/THEME_DIR/);
  });

  it('fingerprints assets and builds the stylesheet with the accent colour', () => {
    const engine = createThemeEngine({ roots: [DEFAULT_THEME_DIR], settings: () => settings });
    const url = engine.assets.urlOf('site.css');
    expect(url).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const file = url.slice('/assets/'.length);
    expect(engine.assets.resolve(file)).toMatchObject({ current: true });
    expect(engine.assets.resolve(file.replace(/\.[0-9a-f]{10}\./, '.0000000000.'))).toMatchObject({
      current: false,
    });
    expect(engine.assets.resolve('..%2f.0000000000.css')).toBeUndefined();
    expect(engine.assets.get('site.css')!.body.toString()).toMatch(/^:root\{--accent:#b8402a;/);
    expect(() => engine.assets.urlOf('missing.css')).toThrow(/does not exist/);
  });
});

describe('asset helpers', () => {
  it('minify CSS without changing what rules say', () => {
    const css = (text: string) => minifyCss(Buffer.from(text), 'site.css').toString();
    expect(css('/* c */\na , b {\n  color : red;\n  margin: 0 auto;\n}\n')).toBe(
      'a,b{color:red;margin:0 auto}',
    );
    // Strings keep their spaces and punctuation; a regular expression once collapsed them.
    expect(css('a::before { content: "x  ;  }  y"; }')).toBe('a:before{content:"x  ;  }  y"}');
    expect(css('a { background: url("a  b.png") }')).toContain('a  b.png');
  });

  it('serve CSS the parser cannot read exactly as written', () => {
    const broken = 'a { color: red;;; } }}} @media {';
    expect(minifyCss(Buffer.from(broken), 'site.css').toString()).toBe(broken);
  });

  it('read an SVG size from its attributes or viewBox', () => {
    expect(svgSize('<svg width="288" height="64" viewBox="0 0 288 64">')).toEqual({ width: 288, height: 64 });
    expect(svgSize('<svg viewBox="0 0 120 40">')).toEqual({ width: 120, height: 40 });
    expect(svgSize('<svg>')).toBeUndefined();
  });
});
