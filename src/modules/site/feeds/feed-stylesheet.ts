import { interfaceLanguages, translate, type MessageKey } from '../../../i18n/index.ts';
import { escapeXml, XML_DECLARATION } from '../../../lib/xml-text.ts';

// A feed opened in a browser is a wall of XML to a reader who followed the footer's "RSS" link.
// The feeds name this stylesheet (an <?xml-stylesheet?> instruction, which feed readers ignore),
// and the browser turns the feed into a page: what a feed is, how to follow this one, its latest
// articles. XSLT 1.0 only, no extensions and no script, so it runs under the feed's CSP.

export const FEED_STYLESHEET_PATH = '/feed.xsl';
export const FEED_STYLESHEET_CONTENT_TYPE = 'application/xslt+xml; charset=utf-8';
/** What the feeds carry after their XML declaration. */
export const FEED_STYLESHEET_INSTRUCTION = `<?xml-stylesheet type="text/xsl" href="${FEED_STYLESHEET_PATH}"?>`;

const XSL = 'http://www.w3.org/1999/XSL/Transform';
const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * One interface string in the feed's language, chosen when the browser renders (the feed says
 * its language: RSS `<language>`, Atom `xml:lang`). A language without a catalogue reads English.
 */
function message(key: MessageKey): string {
  const others = interfaceLanguages.filter((lang) => lang !== 'en');
  const when = others
    .map((lang) => `<xsl:when test="$lang = '${lang}'">${escapeXml(translate(lang, key))}</xsl:when>`)
    .join('');
  return `<xsl:choose>${when}<xsl:otherwise>${escapeXml(translate('en', key))}</xsl:otherwise></xsl:choose>`;
}

/** The stylesheet, pointing at the theme's current CSS (`stylesheetUrl`, same origin). */
export function buildFeedStylesheet(stylesheetUrl: string): string {
  return `${XML_DECLARATION}
<xsl:stylesheet version="1.0" xmlns:xsl="${XSL}" xmlns:atom="${ATOM}" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
<xsl:variable name="language" select="(/rss/channel/language | /atom:feed/@xml:lang)[1]"/>
<xsl:variable name="lang" select="translate(substring-before(concat($language, '-'), '-'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
<xsl:variable name="title" select="(/rss/channel/title | /atom:feed/atom:title)[1]"/>
<xsl:variable name="home" select="(/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href)[1]"/>
<xsl:variable name="self" select="(/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href)[1]"/>
<xsl:template match="/">
<html lang="{$language}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="$title"/></title>
<link rel="stylesheet" href="${escapeXml(stylesheetUrl)}"/>
</head>
<body class="page-feed">
<main id="main" class="container feed-page">
<header class="listing__header">
<p class="listing__kicker">${message('feedpage.kicker')}</p>
<h1 class="listing__title"><xsl:value-of select="$title"/></h1>
</header>
<section class="feed-page__about" aria-labelledby="feed-about">
<h2 id="feed-about">${message('feedpage.what_title')}</h2>
<p class="feed-page__what">${message('feedpage.what')}</p>
<p>${message('feedpage.how')}</p>
<p class="feed-page__address"><code><xsl:value-of select="$self"/></code></p>
</section>
<section class="feed-page__latest" aria-labelledby="feed-latest">
<h2 id="feed-latest">${message('feedpage.latest')}</h2>
<ol class="feed-page__items">
<xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
<li><a href="{(link | atom:link[@rel='alternate']/@href)[1]}"><xsl:value-of select="title | atom:title"/></a></li>
</xsl:for-each>
</ol>
</section>
<p><a href="{$home}">${message('feedpage.home')}</a></p>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`;
}
