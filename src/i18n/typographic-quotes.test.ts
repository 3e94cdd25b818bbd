import { describe, expect, it } from 'vitest';
import { quoteHtml, quoteText } from './typographic-quotes.ts';

describe('typographic quotes in text', () => {
  it('uses the language’s marks', () => {
    expect(quoteText('He said "no" twice.', 'en')).toBe('He said “no” twice.');
    expect(quoteText('Он сказал "нет" дважды.', 'ru')).toBe('Он сказал «нет» дважды.');
    expect(quoteText('"Quoted" first', 'en-GB')).toBe('“Quoted” first');
  });

  it('nests by depth, whichever straight mark was typed', () => {
    expect(quoteText(`"She wrote 'never', then left"`, 'en')).toBe('“She wrote ‘never’, then left”');
    expect(quoteText(`"Он написал "никогда", и ушёл"`, 'ru')).toBe('«Он написал „никогда“, и ушёл»');
    expect(quoteText(`"a 'b' c"`, 'ru')).toBe('«a „b“ c»');
  });

  it('keeps apostrophes apostrophes', () => {
    expect(quoteText("don't stop, it's O'Brien's", 'en')).toBe('don’t stop, it’s O’Brien’s');
    expect(quoteText("the '90s", 'en')).toBe('the ’90s');
    expect(quoteText("readers' letters", 'en')).toBe('readers’ letters');
  });

  it('survives unbalanced quotes', () => {
    expect(quoteText('a "b', 'en')).toBe('a “b');
    expect(quoteText('a" b', 'ru')).toBe('a» b');
    expect(quoteText('"', 'en')).toBe('”');
  });

  it('leaves text without quotes alone', () => {
    expect(quoteText('Lake Tuvor — 12″ of rain', 'en')).toBe('Lake Tuvor — 12″ of rain');
  });
});

describe('typographic quotes in HTML', () => {
  it('changes text between tags and across inline elements', () => {
    expect(quoteHtml('<p>He said &quot;<em>no</em>&quot;.</p>', 'en')).toBe('<p>He said “<em>no</em>”.</p>');
    expect(quoteHtml('<p>&quot;Да&quot;</p><p>&#39;Нет&#39;</p>', 'ru')).toBe('<p>«Да»</p><p>«Нет»</p>');
  });

  it('never touches attributes, URLs or code', () => {
    const html =
      '<p><a href="/search?q=&quot;x&quot;" title="&quot;t&quot;">&quot;x&quot;</a> <code>&quot;raw&quot;</code></p><pre>"as typed"</pre>';
    expect(quoteHtml(html, 'en')).toBe(
      '<p><a href="/search?q=&quot;x&quot;" title="&quot;t&quot;">“x”</a> <code>&quot;raw&quot;</code></p><pre>"as typed"</pre>',
    );
  });

  it('does not carry an open quote from one paragraph into the next', () => {
    expect(quoteHtml('<p>a &quot;b</p><p>&quot;c&quot;</p>', 'en')).toBe('<p>a “b</p><p>“c”</p>');
  });
});
