import { describe, expect, it } from 'vitest';
import type { DocumentTree } from './document.types.ts';
import { renderEmailHtml } from './render-email-html.ts';

const DOC: DocumentTree = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'See ' },
        {
          type: 'text',
          text: 'our archive',
          marks: [{ type: 'link', attrs: { href: '/archive?year=2024&tag=a' } }],
        },
        { type: 'text', text: ', ' },
        {
          type: 'text',
          text: 'a source',
          marks: [{ type: 'link', attrs: { href: 'https://other.example/x' } }],
        },
        { type: 'text', text: ' and ' },
        {
          type: 'text',
          text: 'write',
          marks: [{ type: 'link', attrs: { href: 'mailto:tips@news.example' } }],
        },
      ],
    },
    {
      type: 'figure',
      attrs: { src: '/media/a.jpg', alt: 'A "photo"', caption: 'Caption', credit: 'Credit', media_id: 'm1' },
    },
    {
      type: 'embed',
      attrs: {
        provider: 'spotify',
        url: 'https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk',
        title: 'Podcast',
      },
    },
  ],
};

describe('renderEmailHtml', () => {
  it('makes "/"-relative links and images absolute against baseUrl, leaving others alone', () => {
    const html = renderEmailHtml(DOC, { baseUrl: 'https://news.example/' });
    expect(html).toContain('href="https://news.example/archive?year=2024&amp;tag=a"');
    expect(html).toContain('href="https://other.example/x"');
    expect(html).toContain('href="mailto:tips@news.example"');
    expect(html).toContain('src="https://news.example/media/a.jpg"');
    expect(html).not.toMatch(/(href|src)="\//);
  });

  it('labels embeds in English unless told the language', () => {
    expect(renderEmailHtml(DOC, { baseUrl: 'https://news.example' })).toContain(
      '>Listen on Spotify: Podcast</a>',
    );
    const ru = renderEmailHtml(DOC, {
      baseUrl: 'https://news.example',
      embedLabel: (provider) => (provider === 'spotify' ? 'Слушать на Spotify' : 'Открыть'),
    });
    expect(ru).toContain('>Слушать на Spotify: Podcast</a>');
  });

  it('keeps a path prefix of the site URL', () => {
    const html = renderEmailHtml(DOC, { baseUrl: 'https://example.org/news' });
    expect(html).toContain('href="https://example.org/news/archive?year=2024&amp;tag=a"');
  });

  it('uses one resolved image, sized for email, with no srcset, figure or iframe', () => {
    const html = renderEmailHtml(DOC, {
      baseUrl: 'https://news.example',
      resolveMedia: () => ({ src: '/media/a-1200.jpg', width: 1200, height: 800 }),
    });
    expect(html).toContain(
      'src="https://news.example/media/a-1200.jpg" alt="A &quot;photo&quot;" width="600"',
    );
    expect(html).not.toMatch(/srcset|<figure|<iframe|loading=/);
    expect(html).toContain('Caption <span style="color:#888888;">Credit</span>');
    expect(html).toContain('>Listen on Spotify: Podcast</a>');
  });

  it('styles inline for clients that ignore <style>', () => {
    const html = renderEmailHtml(DOC, { baseUrl: 'https://news.example' });
    expect(html).toMatch(/^<p style="margin:0 0 16px;[^"]*">See /);
    expect(html).not.toContain('<style');
  });

  it('refuses a baseUrl that is not an absolute http(s) URL', () => {
    expect(() => renderEmailHtml(DOC, { baseUrl: '/relative' })).toThrow(TypeError);
    expect(() => renderEmailHtml(DOC, { baseUrl: 'javascript:alert(1)' })).toThrow(TypeError);
  });
});
