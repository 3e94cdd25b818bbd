// Text into XML 1.0 safely. Article text comes from editors and imports (WordPress exports carry
// stray control characters); one illegal character makes a whole feed unreadable, so every string
// that enters a feed or sitemap passes through here.

/**
 * Everything XML 1.0 forbids: C0 controls other than tab, line feed and carriage return; lone
 * surrogates (matched as code points under the `u` flag); U+FFFE and U+FFFF.
 */
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function stripIllegalXmlChars(value: string): string {
  return value.replace(ILLEGAL_XML_CHARS, '');
}

/** Safe in element content and in quoted attribute values. */
export function escapeXml(value: string): string {
  return stripIllegalXmlChars(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** A CDATA section; a `]]>` inside is split across two sections so it cannot end the first early. */
export function cdata(value: string): string {
  return `<![CDATA[${stripIllegalXmlChars(value).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** ` name="value"` for each defined attribute, in the order given. */
export function xmlAttrs(attrs: Record<string, string | number | null | undefined>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** `<name attrs>escaped text</name>`. */
export function xmlElement(
  name: string,
  text: string,
  attrs: Record<string, string | number | null | undefined> = {},
): string {
  return `<${name}${xmlAttrs(attrs)}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
