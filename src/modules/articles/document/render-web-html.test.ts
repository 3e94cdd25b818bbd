import { describe, expect, it } from 'vitest';
import type { DocumentTree } from './document.types.ts';
import { renderWebHtml } from './render-web-html.ts';

const doc = (...content: DocumentTree['content']): DocumentTree => ({ type: 'doc', content });
const para = (
  ...content: NonNullable<Extract<DocumentTree['content'][number], { type: 'paragraph' }>['content']>
) => ({ type: 'paragraph', content }) as const;

const NASTY = `<script>alert("x")</script> & 'quoted' "double"`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot;';

describe('renderWebHtml', () => {
  it('escapes <, &, and quotes in text and in every attribute', () => {
    const html = renderWebHtml(
      doc(
        para({ type: 'text', text: NASTY }),
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: NASTY }] },
        { type: 'pullQuote', attrs: { attribution: NASTY }, content: [{ type: 'text', text: NASTY }] },
        {
          type: 'figure',
          attrs: { src: '/a.jpg?x="y"&z=<w>', alt: NASTY, caption: NASTY, credit: NASTY, media_id: null },
        },
        { type: 'embed', attrs: { provider: 'vimeo', url: 'https://vimeo.com/76979871', title: NASTY } },
        para({ type: 'text', text: 'l', marks: [{ type: 'link', attrs: { href: '/search?q="a"&b=<c>' } }] }),
      ),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"double"');
    // text, heading, pull quote and its attribution, alt, caption, credit, embed title
    expect(html.split(ESCAPED)).toHaveLength(8 + 1);
    expect(html).toContain('src="/a.jpg?x=&quot;y&quot;&amp;z=&lt;w&gt;"');
    expect(html).toContain('href="/search?q=&quot;a&quot;&amp;b=&lt;c&gt;"');
  });

  it('renders a figure with lazy loading, responsive sources from resolveMedia, and its credit', () => {
    const html = renderWebHtml(
      doc({
        type: 'figure',
        attrs: {
          src: '/media/original.jpg',
          alt: 'Protesters',
          caption: 'Moscow, March',
          credit: 'Photo: A. B. / Agency',
          media_id: 'm1',
        },
      }),
      {
        resolveMedia: (id) =>
          id === 'm1'
            ? {
                src: '/media/m1-800.jpg',
                srcset: '/media/m1-400.jpg 400w, /media/m1-800.jpg 800w',
                width: 800,
                height: 533,
              }
            : undefined,
      },
    );
    expect(html).toBe(
      '<figure><img src="/media/m1-800.jpg" alt="Protesters" loading="lazy" decoding="async" width="800" height="533" ' +
        'srcset="/media/m1-400.jpg 400w, /media/m1-800.jpg 800w" sizes="(min-width: 720px) 720px, 100vw">' +
        '<figcaption>Moscow, March <span class="credit">Photo: A. B. / Agency</span></figcaption></figure>',
    );
  });

  it('keeps the stored src when the media library does not know the id, and omits an empty figcaption', () => {
    const html = renderWebHtml(
      doc({
        type: 'figure',
        attrs: { src: 'https://cdn.example/x.jpg', alt: '', caption: '', credit: '', media_id: 'gone' },
      }),
      { resolveMedia: () => undefined },
    );
    expect(html).toBe(
      '<figure><img src="https://cdn.example/x.jpg" alt="" loading="lazy" decoding="async"></figure>',
    );
  });

  it('renders embeds as a link card: no iframe, no request to the provider', () => {
    const html = renderWebHtml(
      doc({
        type: 'embed',
        attrs: {
          provider: 'youtube',
          url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          title: 'The interview',
        },
      }),
    );
    expect(html).toBe(
      '<figure class="embed embed--youtube" data-provider="youtube" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">' +
        '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer">Watch on YouTube: ' +
        '<span class="embed__title">The interview</span></a></figure>',
    );
    expect(html).not.toMatch(/<iframe|<script|<img|src=/);
  });

  it('marks only external links with rel="noopener noreferrer" and nests marks properly', () => {
    const link = (href: string) => ({ type: 'link' as const, attrs: { href } });
    const html = renderWebHtml(
      doc(
        para(
          { type: 'text', text: 'bold ', marks: [link('https://other.example/a'), { type: 'bold' }] },
          { type: 'text', text: 'plain', marks: [link('https://other.example/a')] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'home', marks: [link('https://news.example/about')] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'rel', marks: [link('/about')] },
        ),
      ),
      { siteUrl: 'https://news.example' },
    );
    expect(html).toBe(
      '<p><a href="https://other.example/a" rel="noopener noreferrer"><strong>bold </strong>plain</a> ' +
        '<a href="https://news.example/about">home</a> <a href="/about">rel</a></p>',
    );
  });

  it('renders structure semantically', () => {
    const html = renderWebHtml(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'H' }] },
        { type: 'paragraph' },
        {
          type: 'orderedList',
          attrs: { start: 2, type: null },
          content: [
            {
              type: 'listItem',
              content: [
                para({ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }),
              ],
            },
          ],
        },
        { type: 'blockquote', content: [para({ type: 'text', text: 'q', marks: [{ type: 'italic' }] })] },
        { type: 'pullQuote', attrs: { attribution: 'Editor' }, content: [{ type: 'text', text: 'Pull' }] },
        { type: 'horizontalRule' },
      ),
    );
    expect(html).toBe(
      [
        '<h2>H</h2>',
        '<ol start="2"><li><p>a<br>b</p></li></ol>',
        '<blockquote><p><em>q</em></p></blockquote>',
        '<aside class="pull-quote"><p>Pull</p><p class="pull-quote__attribution">— Editor</p></aside>',
        '<hr>',
      ].join('\n'),
    );
  });

  it('emits nothing the schema does not allow, even from a tampered stored tree', () => {
    const tampered = {
      type: 'doc',
      content: [
        { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
        para({
          type: 'text',
          text: 'x',
          marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'underline' } as never],
        }),
        {
          type: 'figure',
          attrs: { src: 'javascript:alert(1)', alt: '', caption: '', credit: '', media_id: null },
        },
        { type: 'embed', attrs: { provider: 'youtube', url: 'https://evil.example/', title: '' } },
      ],
    } as unknown as DocumentTree;
    expect(renderWebHtml(tampered)).toBe('<p>x</p>');
  });

  it("sets a quotation's source apart: a last paragraph starting with a dash becomes its caption", () => {
    const quote = (last: string) =>
      renderWebHtml(
        doc({
          type: 'blockquote',
          content: [
            para({ type: 'text', text: '"Prices are a press release."' }),
            para({ type: 'text', text: last }),
          ],
        }),
      );
    expect(quote('— An economist <in> Varensk')).toBe(
      '<figure class="quote"><blockquote><p>&quot;Prices are a press release.&quot;</p></blockquote>' +
        '<figcaption class="quote__attribution">— An economist &lt;in&gt; Varensk</figcaption></figure>',
    );
    // No dash: the second paragraph is part of the quotation.
    expect(quote('And more words.')).toBe(
      '<blockquote><p>&quot;Prices are a press release.&quot;</p><p>And more words.</p></blockquote>',
    );
    // A lone dash paragraph is the quotation itself, not a source.
    expect(
      renderWebHtml(doc({ type: 'blockquote', content: [para({ type: 'text', text: '— Only this' })] })),
    ).toBe('<blockquote><p>— Only this</p></blockquote>');
  });
});
