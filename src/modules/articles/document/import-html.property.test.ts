import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentWords, missingInOrder } from '../../../../test/support/document-words.ts';
import { importHtml } from './parse-html.ts';

// Property: for any HTML-ish tree built from article structures, foreign content (svg, math, closed
// or not), hidden parts (script, style, template, noscript, comments, iframe fallback) and hostile
// attributes, the import keeps every word a browser shows, in order, and keeps nothing that runs
// or loads anything. The generator knows which words are visible because it places them: a word
// is visible in article elements, in an svg <text>, and in MathML tokens; never in the hidden
// parts. Hostile values all carry the marker "evil", which must never reach the document.

type Html = { html: string; visible: string[] };

// Words never spell what the safety check looks for.
const word = fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => !/evil|script|data/.test(w));
const words = fc.array(word, { minLength: 1, maxLength: 4 });
// Spaces around every run of words, so adjacent inline elements never fuse two words into one.
const textOf = (ws: string[]) => ` ${ws.join(' ')} `;
const visibleText: fc.Arbitrary<Html> = words.map((ws) => ({ html: textOf(ws), visible: ws }));
const hiddenText = (wrap: (text: string) => string): fc.Arbitrary<Html> =>
  words.map((ws) => ({ html: wrap(textOf(ws)), visible: [] }));

const join = (parts: Html[]): Html => ({
  html: parts.map((p) => p.html).join(''),
  visible: parts.flatMap((p) => p.visible),
});
const wrapIn = (open: string, close: string) => (inner: Html) => ({
  html: `${open}${inner.html}${close}`,
  visible: inner.visible,
});

const hostileAttr = fc.constantFrom(
  ' onclick="evil()"',
  ' onmouseover=evil()',
  ' style="background:url(https://evil.example/t.png)"',
  ' class="evil"',
  ' data-evil="1"',
  '',
);
const link = fc.constantFrom(
  'javascript:evil()',
  'JaVaScRiPt:evil()',
  'data:text/html,evil',
  'vbscript:evil',
  '//evil.example/x',
  'https://ok.example/page',
  '/local/page',
);

/** What readers never see, each with its words inside. */
const hidden: fc.Arbitrary<Html> = fc.oneof(
  hiddenText((t) => `<script>${t}</script>`),
  hiddenText((t) => `<script src="https://evil.example/x.js">${t}</script>`),
  hiddenText((t) => `<style>${t}{background:url(https://evil.example/)}</style>`),
  hiddenText((t) => `<template><p>${t}</p></template>`),
  hiddenText((t) => `<noscript><p>${t}</p></noscript>`),
  hiddenText((t) => `<!--${t}-->`),
  hiddenText((t) => `<iframe src="https://evil.example/">${t}</iframe>`),
  fc.constant<Html>({
    html: '<object data="https://evil.example/x.swf"></object><embed src="evil.swf">',
    visible: [],
  }),
  fc.constant<Html>({ html: '<link rel="stylesheet" href="https://evil.example/s.css">', visible: [] }),
  fc.constant<Html>({ html: '<img src="data:image/png;base64,evil" onerror="evil()">', visible: [] }),
);

/** An svg or math block: visible words in <text> or tokens, hidden ones in style/script/title. */
const foreign: fc.Arbitrary<Html> = fc
  .tuple(
    fc.constantFrom('svg', 'math'),
    fc.array(
      fc.oneof(
        words.map((ws) => ({ ws, visible: true })),
        words.map((ws) => ({ ws, visible: false })),
      ),
      { maxLength: 4 },
    ),
    fc.boolean(),
    hostileAttr,
  )
  .map(([name, children, closed, attr]) => {
    const inner = children
      .map(({ ws, visible }) => {
        const t = textOf(ws);
        if (name === 'svg')
          return visible
            ? `<text x="1">${t}</text>`
            : `<style>${t}</style><script>${t}</script><title>${t}</title>`;
        return visible ? `<mi>${t}</mi>` : `<annotation encoding="TeX">${t}</annotation>`;
      })
      .join('');
    return {
      html: `<${name}${attr}>${inner}${closed ? `</${name}>` : ''}`,
      visible: children.filter((c) => c.visible).flatMap((c) => c.ws),
    };
  });

const { block } = fc.letrec<{ block: Html; inline: Html; blocks: Html; inlines: Html }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    visibleText,
    fc
      .tuple(fc.constantFrom('b', 'i', 'em', 'strong', 'span', 'code', 's'), hostileAttr, tie('inlines'))
      .map(([tag, attr, inner]) => wrapIn(`<${tag}${attr}>`, `</${tag}>`)(inner)),
    fc.tuple(link, tie('inlines')).map(([href, inner]) => wrapIn(`<a href="${href}">`, '</a>')(inner)),
    fc.constant<Html>({ html: '<br>', visible: [] }),
  ),
  inlines: fc.array(tie('inline'), { minLength: 1, maxLength: 3 }).map(join),
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(hostileAttr, tie('inlines')).map(([attr, inner]) => wrapIn(`<p${attr}>`, '</p>')(inner)),
    tie('inlines').map(wrapIn('<h2>', '</h2>')),
    tie('blocks').map(wrapIn('<div>', '</div>')),
    tie('blocks').map(wrapIn('<blockquote>', '</blockquote>')),
    tie('blocks').map(wrapIn('<section>', '</section>')),
    fc
      .tuple(fc.constantFrom('ul', 'ol'), fc.array(tie('blocks'), { minLength: 1, maxLength: 3 }))
      .map(([tag, items]) => wrapIn(`<${tag}>`, `</${tag}>`)(join(items.map(wrapIn('<li>', '</li>'))))),
    fc
      .array(fc.array(tie('inlines'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
      .map((rows) =>
        wrapIn(
          '<table>',
          '</table>',
        )(join(rows.map((cells) => wrapIn('<tr>', '</tr>')(join(cells.map(wrapIn('<td>', '</td>'))))))),
      ),
    hidden,
    foreign,
  ),
  blocks: fc.array(tie('block'), { minLength: 1, maxLength: 4 }).map(join),
}));

const documentArb = fc.array(block, { minLength: 1, maxLength: 5 }).map(join);

describe('importing generated HTML', () => {
  it('keeps every visible word, in order, and nothing that runs or loads', () => {
    fc.assert(
      fc.property(documentArb, ({ html, visible }) => {
        const { document } = importHtml(html);
        expect(missingInOrder(visible, documentWords(document))).toEqual([]);
        const json = JSON.stringify(document);
        expect(json).not.toMatch(/evil|javascript:|vbscript:|data:|<script|"on[a-z]+":/i);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  }, 300_000);
});
