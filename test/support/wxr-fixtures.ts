// WordPress eXtended RSS (WXR 1.2) exports written by the tests, in the shapes WordPress's own
// Tools → Export writes: channel with authors, items for posts, pages and attachments with their
// postmeta, categories and comments. Original content; the builder is shared with the bench.

export interface WxrItem {
  id: number;
  type?: string;
  status?: string;
  title: string;
  slug?: string;
  content?: string;
  excerpt?: string;
  /** Site-local "2019-05-02 14:30:00". */
  date?: string;
  /** "0000-00-00 00:00:00" for an undated draft. */
  dateGmt?: string;
  creator?: string;
  link?: string;
  categories?: Array<{ domain: string; nicename: string; name: string }>;
  meta?: Record<string, string>;
  attachmentUrl?: string;
  comments?: number;
}

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function wxrHead(
  site: string,
  options: { encoding?: string; authors?: Array<{ login: string; name: string }> } = {},
): string {
  const authors = (options.authors ?? [{ login: 'jane', name: 'Jane Roe' }])
    .map(
      (a, i) => `
  <wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(`${a.login}@old.example`)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="${options.encoding ?? 'UTF-8'}" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>The Old Gazette</title>
  <link>${site}</link>
  <description>News from the valley</description>
  <language>en-US</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${site}</wp:base_site_url>
  <wp:base_blog_url>${site}</wp:base_blog_url>${authors}
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('News')}</wp:cat_name></wp:category>
`;
}

export function wxrItem(site: string, item: WxrItem): string {
  const type = item.type ?? 'post';
  const date = item.date ?? '2019-05-02 14:30:00';
  const slug = item.slug ?? '';
  const meta = Object.entries(item.meta ?? {})
    .map(
      ([k, v]) =>
        `\n    <wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`,
    )
    .join('');
  const categories = (item.categories ?? [])
    .map((c) => `\n    <category domain="${c.domain}" nicename="${c.nicename}">${cdata(c.name)}</category>`)
    .join('');
  const comments = Array.from(
    { length: item.comments ?? 0 },
    (_, i) => `
    <wp:comment><wp:comment_id>${item.id * 100 + i}</wp:comment_id><wp:comment_author>${cdata('A reader')}</wp:comment_author><wp:comment_content>${cdata('Thank you <b>for</b> this.')}</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>`,
  ).join('');
  return `  <item>
    <title>${esc(item.title)}</title>
    <link>${item.link ?? `${site}/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/${slug}/`}</link>
    <pubDate>Thu, 02 May 2019 12:30:00 +0000</pubDate>
    <dc:creator>${cdata(item.creator ?? 'jane')}</dc:creator>
    <guid isPermaLink="false">${site}/?p=${item.id}</guid>
    <description></description>
    <content:encoded>${cdata(item.content ?? '')}</content:encoded>
    <excerpt:encoded>${cdata(item.excerpt ?? '')}</excerpt:encoded>
    <wp:post_id>${item.id}</wp:post_id>
    <wp:post_date>${cdata(date)}</wp:post_date>
    <wp:post_date_gmt>${cdata(item.dateGmt ?? date)}</wp:post_date_gmt>
    <wp:post_modified>${cdata(date)}</wp:post_modified>
    <wp:post_modified_gmt>${cdata(item.dateGmt ?? date)}</wp:post_modified_gmt>
    <wp:comment_status>${cdata('open')}</wp:comment_status>
    <wp:post_name>${cdata(slug)}</wp:post_name>
    <wp:status>${cdata(item.status ?? 'publish')}</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>${cdata(type)}</wp:post_type>
    <wp:post_password>${cdata('')}</wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>${item.attachmentUrl ? `\n    <wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>` : ''}${categories}${meta}${comments}
  </item>
`;
}

export const WXR_TAIL = '</channel>\n</rss>\n';

export function wxr(site: string, items: WxrItem[], options: Parameters<typeof wxrHead>[1] = {}): string {
  return wxrHead(site, options) + items.map((i) => wxrItem(site, i)).join('') + WXR_TAIL;
}
