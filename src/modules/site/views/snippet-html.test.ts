import { describe, expect, it } from 'vitest';
import { snippetHtml } from './snippet-html.ts';

describe('snippetHtml', () => {
  it('escapes the article text and marks matches', () => {
    const html = snippetHtml('A <script>alert("x")</script> & journalists\' "work"', 'journalist', 'en');
    expect(html).toBe(
      'A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>journalists</mark>&#39; &quot;work&quot;',
    );
    expect(snippetHtml('<b>press</b>', '<b>', 'en')).toBe(
      '&lt;<mark>b</mark>&gt;press&lt;/<mark>b</mark>&gt;',
    );
  });

  it('highlights prefix matches only when asked', () => {
    expect(snippetHtml('The warrant', 'war', 'en')).toBe('The warrant');
    expect(snippetHtml('The warrant', 'war', 'en', { prefix: true })).toBe('The <mark>warrant</mark>');
  });
});
