import { describe, expect, it } from 'vitest';
import { resolveAgainstPage, absolutizeHtml } from './absolute-urls.ts';

const page = 'https://news.example/articles/a-story';

describe('absolutizeHtml', () => {
  it('makes root-relative href and src absolute on the site', () => {
    const html =
      '<p><a href="/articles/other?x=1&amp;y=2#part">x</a><img src="/media/2026/a.jpg" alt=""></p>';
    expect(absolutizeHtml(html, page)).toBe(
      '<p><a href="https://news.example/articles/other?x=1&amp;y=2#part">x</a>' +
        '<img src="https://news.example/media/2026/a.jpg" alt=""></p>',
    );
  });

  it('rewrites every candidate of a srcset and leaves absolute and mailto URLs alone', () => {
    const html =
      '<img srcset="/media/a-320.jpg 320w, /media/a-640.jpg 640w" src="https://cdn.example/a.jpg">' +
      '<a href="mailto:tips@news.example">tips</a><a href="https://other.example/">o</a>';
    expect(absolutizeHtml(html, page)).toBe(
      '<img srcset="https://news.example/media/a-320.jpg 320w, https://news.example/media/a-640.jpg 640w" ' +
        'src="https://cdn.example/a.jpg"><a href="mailto:tips@news.example">tips</a>' +
        '<a href="https://other.example/">o</a>',
    );
  });

  it('resolves fragments and relative paths against the article, not the reader', () => {
    expect(absolutizeHtml('<a href="#notes">n</a>', page)).toBe(
      '<a href="https://news.example/articles/a-story#notes">n</a>',
    );
    expect(resolveAgainstPage('other', page)).toBe('https://news.example/articles/other');
    expect(resolveAgainstPage('//cdn.example/x.jpg', page)).toBe('https://cdn.example/x.jpg');
  });

  it('does not touch text that merely looks like an attribute, or data-* attributes', () => {
    const html = '<p>write href="/x" in code</p><figure data-url="/embed/1"></figure>';
    expect(absolutizeHtml(html, page)).toBe(html);
  });
});
