import { describe, expect, it } from 'vitest';
import { documentWords, missingInOrder, words } from '../../../../test/support/document-words.ts';
import { importHtml } from './parse-html.ts';

// A corpus of hostile and messy HTML. For each sample, `visible` is the text a browser shows for
// it (script and style contents aside), written out by hand from the HTML standard's parsing
// rules; the stored document must hold all of it, in order. `reported` lists the elements whose
// replacement or removal the import must report.
interface Sample {
  name: string;
  html: string;
  visible: string;
  reported?: string[];
}

const WORD_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=EN-GB><div class=WordSection1><p class=MsoNormal><b><span style='font-size:14.0pt'>Council vote delayed<o:p></o:p></span></b></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>First point<o:p></o:p></p>
<p class=MsoNormal>Budget of &euro;2&nbsp;million<span style='mso-spacerun:yes'>  </span>was cut.<o:p></o:p></p></div></body></html>`;

const DOCS_PASTE = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c"><h2 dir="ltr" style="line-height:1.38"><span style="font-size:16pt;font-weight:400">Docs heading</span></h2><p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-weight:700">Bold lead</span><span style="font-weight:400"> and plain text.</span></p><ul style="margin-top:0;margin-bottom:0"><li dir="ltr" style="list-style-type:disc"><p dir="ltr" role="presentation"><span>Docs bullet</span></p></li></ul><br></b>`;

const nestedList = (depth: number): string =>
  depth === 0 ? 'deepest item' : `<ul><li>level${depth} ${nestedList(depth - 1)}</li></ul>`;

const SAMPLES: Sample[] = [
  {
    name: 'svg holding a style element',
    html: '<p>Before the chart.</p><svg viewBox="0 0 10 10"><style>.a{fill:red}</style><rect class="a"/></svg><p>After the chart.</p><p>Last line.</p>',
    visible: 'Before the chart. After the chart. Last line.',
    reported: ['svg'],
  },
  {
    name: 'svg holding a script element',
    html: '<p>One.</p><svg><script>alert(1)</script><circle r="1"/></svg><h2>Two</h2><p>Three.</p>',
    visible: 'One. Two Three.',
    reported: ['svg'],
  },
  {
    name: 'unclosed svg',
    html: '<p>Opening.</p><svg><rect width="1"/><p>Paragraph after an unclosed svg.</p><ul><li>and a list</li></ul>',
    visible: 'Opening. Paragraph after an unclosed svg. and a list',
    reported: ['svg'],
  },
  {
    name: 'unclosed math',
    html: '<p>Formula:</p><math><mi>x</mi><mo>=</mo><mn>2</mn><p>Text after unclosed math.</p><blockquote>quoted</blockquote>',
    visible: 'Formula: x=2 Text after unclosed math. quoted',
    reported: ['math'],
  },
  {
    name: 'svg text shown inside a sentence',
    html: '<p>The chart <svg><title>hidden title</title><style>text{}</style><text x="1">42%</text></svg> shows growth.</p>',
    visible: 'The chart 42% shows growth.',
  },
  {
    name: 'math with an annotation',
    html: '<p>Area <math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="TeX">\\pi r^2</annotation></semantics></math> holds.</p>',
    visible: 'Area πr2 holds.',
  },
  {
    name: 'nested svg with style',
    html: '<svg><svg><style>a{}</style></svg><text>outer text</text></svg><p>after nested</p>',
    visible: 'outer text after nested',
  },
  {
    name: 'math holding a style in mtext',
    html: '<math><mtext><style>x{}</style>m</mtext></math><p>after math</p>',
    visible: 'm after math',
  },
  {
    name: 'foreignObject inside svg',
    html: '<svg><foreignObject><p>inside foreign object</p></foreignObject></svg><p>after it</p>',
    visible: 'inside foreign object after it',
  },
  {
    name: 'a script whose text holds "<svg>"',
    html: '<script>var s = "<svg><style>";</script><p>after the script</p>',
    visible: 'after the script',
  },
  {
    name: 'unclosed tags',
    html: '<p>one<p>two <b>bold <i>both</p>three<li>loose item<div>block',
    visible: 'one two bold both three loose item block',
  },
  {
    name: 'nested tables',
    html: '<table><tr><td>outer a</td><td><table><tr><td>inner b</td><td>inner c</td></tr></table></td></tr><tr><th>head d</th></tr></table><p>after tables</p>',
    visible: 'outer a inner b inner c head d after tables',
  },
  {
    name: 'comments, conditional comments and CDATA',
    html: '<p>x<![CDATA[bogus comment]]>y</p><!-- hidden --><!--[if IE]><p>ie only</p><![endif]--><p>z</p>',
    visible: 'xy z',
  },
  {
    name: 'template and noscript',
    html: '<p>a</p><template><p>template text</p></template><p>b</p><noscript><p>noscript text</p></noscript><p>c</p>',
    visible: 'a b c',
    reported: ['template', 'noscript'],
  },
  {
    name: 'iframe with fallback text',
    html: '<p>Watch:</p><iframe src="https://evil.example/embed">fallback for old browsers</iframe><p>after the frame</p>',
    visible: 'Watch: after the frame',
  },
  {
    name: 'form around paragraphs',
    html: '<form action="https://evil.example/collect"><p>Tell us what happened.</p><input name="q"><textarea>typed</textarea><button onclick="x()">Send</button></form><p>Thanks.</p>',
    visible: 'Tell us what happened. Thanks.',
    reported: ['textarea', 'button'],
  },
  {
    name: 'deeply nested lists',
    html: nestedList(30) + '<p>after the list</p>',
    visible:
      Array.from({ length: 30 }, (_, i) => `level${30 - i}`).join(' ') + ' deepest item after the list',
  },
  {
    name: 'a Word paste',
    html: WORD_PASTE,
    visible: 'Council vote delayed · First point Budget of €2 million was cut.',
  },
  {
    name: 'a Google Docs paste',
    html: DOCS_PASTE,
    visible: 'Docs heading Bold lead and plain text. Docs bullet',
  },
  {
    name: 'svg and math inside a blockquote, unclosed',
    html: '<blockquote><p>q1</p><svg><p>q2</p></blockquote><math><p>q3</p>',
    visible: 'q1 q2 q3',
  },
  {
    name: 'an unclosed comment',
    html: '<p>kept</p><!-- never closed <p>gone</p>',
    visible: 'kept',
  },
  {
    name: 'event handlers and hostile links',
    html: '<p onclick="alert(1)">Click <a href="javascript:alert(1)">here</a> or <a href="https://ok.example/">there</a>.</p><img src="x" onerror="alert(1)"><p style="background:url(https://evil.example/t.png)">styled</p>',
    visible: 'Click here or there. styled',
  },
];

describe('importing hostile and messy HTML keeps the text a browser shows', () => {
  it.each(SAMPLES)('$name', ({ html, visible, reported = [] }) => {
    const { document, warnings } = importHtml(html);
    expect(missingInOrder(words(visible), documentWords(document))).toEqual([]);
    const json = JSON.stringify(document);
    for (const bad of ['javascript:', 'evil.example', '<script', 'onclick', 'onerror', 'alert(1)']) {
      expect(json).not.toContain(bad);
    }
    const elements = warnings.map((w) => w.element);
    for (const element of reported) expect(elements).toContain(element);
    // A text loss the last check found would mean the corpus caught a gap.
    expect(warnings.filter((w) => w.code === 'text_not_kept')).toEqual([]);
  });
});

describe('the import reports what it could not keep', () => {
  it('reports text cut from a caption longer than a caption may be', () => {
    const caption = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    const { warnings } = importHtml(`<figure><img src="/a.jpg"><figcaption>${caption}</figcaption></figure>`);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'text_not_kept', text: caption.slice(0, 100) }),
    ]);
  });

  it('reports nothing for ordinary HTML', () => {
    const { warnings } = importHtml(
      '<h2>Title</h2><p>Text with <a href="/x">a link</a>.</p><ul><li>item</li></ul>',
    );
    expect(warnings).toEqual([]);
  });
});
