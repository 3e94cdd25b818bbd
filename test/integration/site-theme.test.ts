import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { attrs, between } from '../support/html-probe.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A newsroom's theme folder that overrides one partial and one asset, and nothing else. */
function newsroomTheme(): string {
  const dir = tempDir('theme');
  mkdirSync(join(dir, 'partials'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'partials', 'support-banner.liquid'),
    '<aside class="support-banner" aria-label="{{ \'support.label\' | t }}"><p>Keep {{ site.name }} free: give monthly</p></aside>\n',
  );
  writeFileSync(
    join(dir, 'assets', 'icon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
  );
  return dir;
}

describe.each(testDatabases)('themes (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect, { env: { THEME_DIR: newsroomTheme() } });
  });
  afterAll(async () => t?.close());

  it('take a template from THEME_DIR when it has one and the default theme for the rest', async () => {
    const { html } = await t.page('/articles/lake-tuvor-is-shrinking-satellite-images');
    expect(html).toContain('Keep Ilmara free: give monthly');
    expect(html).not.toContain('Our journalism is free to read');
    // Everything else still comes from the default theme.
    expect(html).toContain('<h1 class="story__title">');
    expect(html).toContain('class="site-footer"');
    const icon = attrs(html, 'link', 'href').find((h) => h.startsWith('/assets/icon.'));
    expect(await (await t.fetch(icon!)).text()).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    );
    const css = attrs(html, 'link', 'href').find((h) => h.startsWith('/assets/site.'));
    expect(await (await t.fetch(css!)).text()).toContain('.story__title');
  });

  it('escape everything by default; only the sanitised body is printed as HTML', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const article = await t.services.articles.create(systemActor, {
      title: `Title ${hostile}`,
      standfirst: `Standfirst ${hostile} "quoted"`,
      body_html: `<p>Body <strong>bold</strong></p><script>alert(3)</script><p onclick="alert(4)">x</p>`,
      seo_description: `"><script>alert(5)</script>`,
      status: 'published',
    });
    const { status, html } = await t.page(`/articles/${article.slug}`);
    expect(status).toBe(200);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toContain('onclick');
    expect(html).toContain('Title &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(between(html, 'class="story__body"', '</div>')).toContain('<p>Body <strong>bold</strong></p>');
    // JSON-LD cannot be closed from inside.
    const jsonLd = between(html, '<script type="application/ld+json">', '</script>').slice(35);
    expect(jsonLd).toContain('\\u003cscript\\u003e');
    expect(jsonLd).not.toContain('<');
  });
});
