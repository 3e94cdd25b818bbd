import { describe, expect, it } from 'vitest';
import { absoluteUrl } from './absolute-url.ts';

describe('absoluteUrl', () => {
  it('joins a site path to the site URL, keeping its path prefix', () => {
    expect(absoluteUrl('https://news.example', '/a')).toBe('https://news.example/a');
    expect(absoluteUrl('https://example.org/news', '/articles/x')).toBe(
      'https://example.org/news/articles/x',
    );
    expect(absoluteUrl('https://example.org/news/', '/a')).toBe('https://example.org/news/a');
  });

  it('leaves absolute URLs, other schemes and other hosts alone', () => {
    expect(absoluteUrl('https://news.example', 'https://x.example/a')).toBe('https://x.example/a');
    expect(absoluteUrl('https://news.example', 'mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(absoluteUrl('https://news.example', '//cdn.example/x.jpg')).toBe('//cdn.example/x.jpg');
  });
});
