import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cdata, escapeXml, stripIllegalXmlChars, xmlElement } from './xml-text.ts';

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, processEntities: true }).parse(xml);

describe('XML text', () => {
  it('escapes markup characters so text and attributes read back unchanged', () => {
    const text = `Bread & <Butter> "quoted" 'single'`;
    const xml = xmlElement('t', text, { title: text });
    expect(xml).toBe(
      '<t title="Bread &amp; &lt;Butter&gt; &quot;quoted&quot; &apos;single&apos;">' +
        'Bread &amp; &lt;Butter&gt; &quot;quoted&quot; &apos;single&apos;</t>',
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parse(xml).t['#text']).toBe(text);
    expect(parse(xml).t['@_title']).toBe(text);
  });

  it('strips characters XML 1.0 forbids and keeps tab, line breaks and astral characters', () => {
    const dirty = 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi\uD800j\uDC00k';
    expect(stripIllegalXmlChars(dirty)).toBe('abcdefghijk');
    expect(stripIllegalXmlChars('tab\there\nline\r\n😀 é \u2028')).toBe('tab\there\nline\r\n😀 é \u2028');
    expect(escapeXml('x\u0007<')).toBe('x&lt;');
  });

  it('keeps "]]>" inside a CDATA section from ending it early', () => {
    const html = '<p>array[a[0]]>1 and ]]> again</p>\u0003';
    const xml = `<c>${cdata(html)}</c>`;
    expect(xml).toBe('<c><![CDATA[<p>array[a[0]]]]><![CDATA[>1 and ]]]]><![CDATA[> again</p>]]></c>');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ cdataPropName: false }).parse(xml);
    expect(parsed.c).toBe('<p>array[a[0]]>1 and ]]> again</p>');
  });
});
