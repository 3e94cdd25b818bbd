import { describe, expect, it } from 'vitest';
import { TooLargeError } from '../../../domain/errors.ts';
import { parseHtml } from './parse-html.ts';
import { renderWebHtml } from './render-web-html.ts';
import { renderText } from './render-text.ts';

const web = (html: string) => renderWebHtml(parseHtml(html));

// Each case: hostile HTML, and the harmless text a reader must still see.
const HOSTILE: Array<[string, string]> = [
  ['<p>Before</p><script>alert(1)</script><p>After</p>', 'Before'],
  ['<p>Caption text<img src=x onerror=alert(1)></p>', 'Caption text'],
  ['<p><a href="javascript:alert(1)">click me</a></p>', 'click me'],
  ['<p><a href="JaVaScRiPt:alert(1)">mixed case</a></p>', 'mixed case'],
  ['<p><a href="&#106;avascript&#58;alert(1)">entities</a></p>', 'entities'],
  ['<p><a href="  java\tscript:alert(1)">tab inside</a></p>', 'tab inside'],
  ['<p><a href="&#x0A;javascript:alert(1)">newline entity</a></p>', 'newline entity'],
  ['<p><a href="vbscript:msgbox(1)">vb</a></p>', 'vb'],
  ['<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a></p>', 'data link'],
  ['<p><a href="//evil.example/x">protocol relative</a></p>', 'protocol relative'],
  ['<p><a href="/\\evil.example/x">backslash</a></p>', 'backslash'],
  ['<p>Photo</p><img src="data:image/png;base64,iVBORw0KGgo=" alt="pixel">', 'Photo'],
  ['<p>Frame</p><iframe src="https://evil.example/embed"></iframe>', 'Frame'],
  [
    '<p>Frame fallback</p><iframe src="https://evil.example/">your browser lacks frames</iframe>',
    'Frame fallback',
  ],
  ['<svg onload=alert(1)><circle r="1"/></svg><p>Drawing</p>', 'Drawing'],
  ['<p style="color:red;background:url(javascript:alert(1))" class="x" id="y">Styled</p>', 'Styled'],
  ['<form action="https://evil.example"><input name=q><button>Send</button></form><p>Form</p>', 'Form'],
  ['<object data="https://evil.example/x.swf"></object><embed src="x.swf"><p>Object</p>', 'Object'],
  ['<p onclick="alert(1)" onmouseover="alert(2)">Handlers</p>', 'Handlers'],
  ['<style>p { color: red }</style><p>Style block</p>', 'Style block'],
  ['<math><mtext><script>alert(1)</script></mtext></math><p>Math</p>', 'Math'],
  [
    '<p>Meta</p><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
    'Meta',
  ],
  ['<p>Noscript</p><noscript><img src=x onerror=alert(1)></noscript>', 'Noscript'],
  ['<!-- <script>alert(1)</script> --><p>Comment</p>', 'Comment'],
  ['<p>Textarea</p><textarea><script>alert(1)</script></textarea>', 'Textarea'],
  [
    '<figure class="embed" data-provider="youtube" data-url="https://evil.example/v"><p>Fake embed</p></figure>',
    'Fake embed',
  ],
  [
    '<p>Escaped &lt;script&gt;alert(1)&lt;/script&gt; as text</p>',
    'Escaped &lt;script&gt;alert(1)&lt;/script&gt; as text',
  ],
];

const DANGEROUS = [
  /<script/i,
  /\son\w+=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:/i,
  /<iframe/i,
  /<svg/i,
  /style=/i,
  /<form/i,
];
const ALSO_DANGEROUS = [
  /<object/i,
  /<embed/i,
  /<input/i,
  /<button/i,
  /<math/i,
  /<meta/i,
  /<base/i,
  /evil\.example/i,
  /class="x"/,
];

describe('parseHtml against hostile HTML', () => {
  it.each(HOSTILE)('%s keeps the text and nothing dangerous', (html, survivor) => {
    const out = web(html);
    for (const pattern of [...DANGEROUS, ...ALSO_DANGEROUS]) expect(out).not.toMatch(pattern);
    expect(out).toContain(survivor);
  });

  it('drops the link of a refused href but keeps its text in place', () => {
    const doc = parseHtml('<p>Read <a href="javascript:alert(1)">this</a> now</p>');
    expect(doc.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'Read this now' }] }]);
  });

  it('keeps http, https, mailto and "/" links', () => {
    const out = web(
      '<p><a href="http://a.example/">a</a> <a href="https://b.example/x?y=1&amp;z=2">b</a> ' +
        '<a href="mailto:tips@example.org">c</a> <a href="/about">d</a></p>',
    );
    expect(out).toContain('<a href="http://a.example/" rel="noopener noreferrer">a</a>');
    expect(out).toContain('<a href="https://b.example/x?y=1&amp;z=2" rel="noopener noreferrer">b</a>');
    expect(out).toContain('<a href="mailto:tips@example.org">c</a>');
    expect(out).toContain('<a href="/about">d</a>');
  });

  it('does not let form controls leak their labels into the article', () => {
    const text = renderText(
      parseHtml('<p>Body</p><form><button>Donate now</button><select><option>USD</option></select></form>'),
    );
    expect(text).toBe('Body');
  });
});

describe('parseHtml embeds', () => {
  it.each([
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    [
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0',
      'youtube',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    ],
    ['//www.youtube.com/embed/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    [
      'https://player.vimeo.com/video/76979871?h=8272103f6e',
      'vimeo',
      'https://vimeo.com/76979871/8272103f6e',
    ],
    [
      'https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk',
      'spotify',
      'https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk',
    ],
    ['https://datawrapper.dwcdn.net/AbC12/3/', 'datawrapper', 'https://datawrapper.dwcdn.net/AbC12/'],
    [
      'https://flo.uri.sh/visualisation/1234567/embed',
      'flourish',
      'https://public.flourish.studio/visualisation/1234567/',
    ],
    [
      'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/293&auto_play=false',
      'soundcloud',
      'https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F293',
    ],
  ])('an iframe from %s becomes a %s embed', (src, provider, url) => {
    const doc = parseHtml(`<iframe src="${src}" title="The title" width="560" allowfullscreen></iframe>`);
    expect(doc.content).toEqual([{ type: 'embed', attrs: { provider, url, title: 'The title' } }]);
  });

  it('reads a WordPress-style embed figure with its caption as title', () => {
    const doc = parseHtml(
      '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">' +
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe></div><figcaption>Interview</figcaption></figure>',
    );
    expect(doc.content).toEqual([
      {
        type: 'embed',
        attrs: {
          provider: 'youtube',
          url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          title: 'Interview',
        },
      },
    ]);
  });

  it('reads <figure class="embed" data-provider data-url>', () => {
    const doc = parseHtml(
      '<figure class="embed" data-provider="vimeo" data-url="https://vimeo.com/76979871" data-title="Doc"></figure>',
    );
    expect(doc.content).toEqual([
      { type: 'embed', attrs: { provider: 'vimeo', url: 'https://vimeo.com/76979871', title: 'Doc' } },
    ]);
  });

  it('drops iframes from look-alike hosts', () => {
    for (const src of [
      'https://youtube.com.evil.example/embed/dQw4w9WgXcQ',
      'https://evilyoutube.com/embed/dQw4w9WgXcQ',
      'javascript:alert(1)',
    ]) {
      expect(parseHtml(`<p>x</p><iframe src="${src}"></iframe>`).content).toEqual([
        { type: 'paragraph', content: [{ type: 'text', text: 'x' }] },
      ]);
    }
  });
});

describe('parseHtml figures, headings, quotes', () => {
  it('round-trips caption and credit: HTML → tree → web HTML → tree', () => {
    const html =
      '<figure><img src="https://cdn.example/p.jpg" alt="The director at the podium">' +
      '<figcaption>Director X. at the festival <span class="credit">Photographer / Agency</span></figcaption></figure>';
    const doc = parseHtml(html);
    expect(doc.content).toEqual([
      {
        type: 'figure',
        attrs: {
          src: 'https://cdn.example/p.jpg',
          alt: 'The director at the podium',
          caption: 'Director X. at the festival',
          credit: 'Photographer / Agency',
          media_id: null,
        },
      },
    ]);
    const out = renderWebHtml(doc);
    expect(out).toContain(
      '<figcaption>Director X. at the festival <span class="credit">Photographer / Agency</span></figcaption>',
    );
    expect(parseHtml(out)).toEqual(doc);
  });

  it('reads a credit from <small>, a media id, and a bare <img>', () => {
    const doc = parseHtml(
      '<figure data-media-id="m_1"><img src="/media/a.jpg"><figcaption>Cap <small>© Agency</small></figcaption></figure>' +
        '<p>Text <img src="https://cdn.example/b.png" alt="B"> more</p>',
    );
    expect(doc.content[0]).toEqual({
      type: 'figure',
      attrs: { src: '/media/a.jpg', alt: '', caption: 'Cap', credit: '© Agency', media_id: 'm_1' },
    });
    expect(doc.content.map((n) => n.type)).toEqual(['figure', 'paragraph', 'figure', 'paragraph']);
    expect(doc.content[2]).toMatchObject({
      attrs: { src: 'https://cdn.example/b.png', alt: 'B', caption: '' },
    });
  });

  it('drops a figure with a refused image whole, caption included', () => {
    const doc = parseHtml(
      '<figure><img src="data:image/png;base64,xx"><figcaption>Orphan caption</figcaption></figure><p>ok</p>',
    );
    expect(renderText(doc)).toBe('ok');
  });

  it('clamps headings to levels 2-4', () => {
    const doc = parseHtml(
      '<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6 level="1">Six</h6>',
    );
    expect(doc.content.map((n) => (n.type === 'heading' ? n.attrs.level : n.type))).toEqual([
      2, 2, 3, 4, 4, 4,
    ]);
    expect(renderWebHtml(doc)).not.toMatch(/<h[156]/);
  });

  it('reads pull quotes from aside and blockquote, with attribution', () => {
    const doc = parseHtml(
      '<aside class="pull-quote"><p>We will keep publishing.</p><cite>— The editors</cite></aside>' +
        '<blockquote class="pull-quote">Words <b>matter</b></blockquote><blockquote><p>Plain quote</p></blockquote>',
    );
    expect(doc.content).toEqual([
      {
        type: 'pullQuote',
        attrs: { attribution: 'The editors' },
        content: [{ type: 'text', text: 'We will keep publishing.' }],
      },
      { type: 'pullQuote', attrs: { attribution: null }, content: [{ type: 'text', text: 'Words matter' }] },
      {
        type: 'blockquote',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Plain quote' }] }],
      },
    ]);
    expect(parseHtml(renderWebHtml(doc))).toEqual(doc);
  });

  it('keeps lists, marks and hard breaks; sanitises ordered list attributes', () => {
    const doc = parseHtml('<ol start="x" type="disc"><li>One<br><s>two</s> <code>three</code></li></ol><hr>');
    expect(doc.content[0]).toMatchObject({ type: 'orderedList', attrs: { start: 1, type: null } });
    expect(renderWebHtml(doc)).toBe('<ol><li><p>One<br><s>two</s> <code>three</code></p></li></ol>\n<hr>');
  });
});

describe('parseHtml on junk', () => {
  it('gives one empty paragraph for empty or content-free input', () => {
    for (const html of ['', '   ', '<div></div>', '<script>x</script>', '<!-- nothing -->']) {
      expect(parseHtml(html)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    }
  });

  it('copes with unclosed and misnested tags', () => {
    const doc = parseHtml('<p>unclosed <b>bold <i>both</b> italic</i><ul><li>item<p>para');
    expect(renderText(doc)).toBe('unclosed bold both italic\n\n- item\n  para');
  });

  it('flattens deep nesting instead of overflowing the stack', { timeout: 90_000 }, () => {
    for (const tag of ['div', 'blockquote', 'ul><li', 'b']) {
      const html = `<${tag}>`.repeat(20_000) + 'deep text' + `</${tag}>`.repeat(20_000);
      expect(renderText(parseHtml(html))).toContain('deep text');
    }
  });

  it('parses a 1 MB article', { timeout: 90_000 }, () => {
    const para = '<p>Paragraph with <a href="https://example.org/x">a link</a> and <em>emphasis</em>.</p>\n';
    const html = para.repeat(Math.ceil(1_000_000 / para.length));
    expect(html.length).toBeGreaterThanOrEqual(1_000_000);
    const doc = parseHtml(html);
    expect(doc.content).toHaveLength(Math.ceil(1_000_000 / para.length));
  });

  it('refuses input far beyond any article with TooLargeError', () => {
    expect(() => parseHtml('x'.repeat(2_000_001))).toThrow(TooLargeError);
    expect(() => parseHtml('<b>'.repeat(100_001))).toThrow(TooLargeError);
  });
});

describe('parseHtml on structures the schema lacks', () => {
  it('keeps table rows apart, one paragraph per row', () => {
    const doc = parseHtml(
      '<table><caption>Results</caption><tr><th>Party</th><th>Votes</th></tr><tr><td>A</td><td>51%</td></tr></table>',
    );
    expect(renderText(doc)).toBe('Results\n\nParty | Votes\n\nA | 51%');
  });
});
