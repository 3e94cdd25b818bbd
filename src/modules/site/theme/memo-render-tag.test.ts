import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Liquid } from 'liquidjs';
import { afterAll, describe, expect, it } from 'vitest';
import { memoRenderTag } from './memo-render-tag.ts';
import { plainDataKey } from './plain-data-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'memo-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'footer.liquid':
    '<footer>{{ site.name | counted }} {{ lang }}{% for s in site.sections %}<a>{{ s }}</a>{% endfor %}</footer>',
  'banner.liquid': '<p>{{ appeal.title | counted }}{{ kind }}</p>',
  'byline.liquid': '<p>{{ author | counted }}</p>',
  'clock.liquid': "<p>{{ 'now' | date: '%s' | counted }}</p>",
  'outer.liquid': "<div>{{ 'x' | counted }}{% render 'clock' %}</div>",
  'page.liquid':
    "{% render 'footer' %}{% render 'banner', appeal: site.appeal, kind: 'inline' %}" +
    "{% render 'byline', author: page.author %}{% render 'outer' %}",
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

function engines() {
  let renders = 0;
  const make = (memo: boolean) => {
    const liquid = new Liquid({ root: [dir], extname: '.liquid', outputEscape: 'escape', cache: true });
    liquid.registerFilter('counted', (v: unknown) => {
      renders++;
      return v;
    });
    if (memo) liquid.registerTag('render', memoRenderTag(['site', 'lang']));
    const templates = liquid.parseFileSync('page');
    return (page: object, site: object, lang = 'en') =>
      liquid.renderSync(templates, { page }, { globals: { site, lang } }) as string;
  };
  return { memo: make(true), plain: make(false), renders: () => renders };
}

const site = () => ({ name: 'Ilmara <&>', sections: ['News', 'Culture'], appeal: { title: 'Give' } });

describe('render tag keeping site-wide partials', () => {
  it('keeps a megabyte of outputs at most, the least recently used going first', () => {
    const small = (name: string) => ({ ...site(), name });
    // Each long site's footer and banner (keys writing the site out in full) take most of it.
    const long = (name: string) => ({ ...site(), name: name.repeat(100_000) });
    const rendersFor = (sites: object[]) => {
      const { memo, renders } = engines();
      for (const s of sites) memo({ author: 'A' }, s);
      const before = renders();
      memo({ author: 'A' }, sites[0]!);
      return renders() - before;
    };
    // byline, outer and clock are rendered every time; footer and banner only when not kept.
    expect(rendersFor([small('a'), small('b')])).toBe(3);
    expect(rendersFor([long('a')])).toBe(3);
    expect(rendersFor([long('a'), long('b')])).toBe(5);
    // Used again, a's outputs are the most recent: c's push out b's instead.
    const { memo, renders } = engines();
    memo({ author: 'A' }, small('a'));
    memo({ author: 'A' }, long('b'));
    memo({ author: 'A' }, small('a'));
    memo({ author: 'A' }, long('c'));
    const before = renders();
    memo({ author: 'A' }, small('a'));
    expect(renders() - before).toBe(3);
  });

  it('writes exactly what the plain render tag writes', () => {
    const { memo, plain } = engines();
    for (const [page, s, lang] of [
      [{ author: 'A' }, site(), 'en'],
      [{ author: 'A' }, site(), 'en'],
      [{ author: 'B' }, { ...site(), name: 'Other' }, 'ru'],
    ] as const) {
      expect(memo(page, s, lang).replace(/\d{9,}/g, 'T')).toBe(plain(page, s, lang).replace(/\d{9,}/g, 'T'));
    }
  });

  it('renders a site-wide partial once per distinct site data, and per-page ones every time', () => {
    const { memo, renders } = engines();
    memo({ author: 'A' }, site());
    // footer, banner, byline, outer (kept: no, it nests the clock), clock
    expect(renders()).toBe(5);
    memo({ author: 'A' }, site()); // equal data in new objects: footer and banner kept
    expect(renders()).toBe(8);
    const changed = memo({ author: 'A' }, { ...site(), sections: ['News'] });
    expect(changed).toContain('<footer>Ilmara &lt;&amp;&gt; en<a>News</a></footer>');
    expect(renders()).toBe(13); // all again: a kept output's key holds every global
    memo({ author: 'A' }, site(), 'ru');
    expect(renders()).toBe(18); // another language: all again
  });
});

describe('plainDataKey', () => {
  it('tells apart what a template tells apart, and refuses what is not plain data', () => {
    expect(plainDataKey({ a: [1, 'x'] })).toBe(plainDataKey({ a: [1, 'x'] }));
    expect(plainDataKey({ a: null })).not.toBe(plainDataKey({ a: undefined }));
    expect(plainDataKey({ a: NaN })).not.toBe(plainDataKey({ a: null }));
    expect(plainDataKey({ a: 1 })).not.toBe(plainDataKey({ a: '1' }));
    expect(plainDataKey({ a: new Date(0) })).toBeNull();
    expect(plainDataKey({ a: () => 1 })).toBeNull();
    expect(plainDataKey(new Map())).toBeNull();
  });
});
