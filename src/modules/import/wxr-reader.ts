import { SaxesParser } from 'saxes';
import { DomainError } from '../../domain/errors.ts';
import { anyDateToIso, gmtToIso, localToUtc } from './local-time.ts';
import type { ImportArticle, ImportItem, ImportSource, ImportTerm } from './import.types.ts';
import { plainText } from './plain-text.ts';
import { declaredEncoding, readHead, textChunks } from './text-stream.ts';
import { wordpressBody, type AttachmentInfo } from './wordpress-body.ts';

// A WordPress eXtended RSS export (Tools → Export), streamed with saxes: never the whole file in
// memory, one <item> at a time. Two passes over the file: the first keeps what items refer to
// (authors, attachments for featured images and galleries, the item count), the second yields
// the posts and pages.

interface RawItem {
  fields: Map<string, string>;
  categories: Array<{ domain: string; nicename: string; name: string }>;
  meta: Map<string, string>;
  comments: number;
}

interface Channel {
  fields: Map<string, string>;
  authors: Map<string, { login: string; name: string }>;
}

const newItem = (): RawItem => ({ fields: new Map(), categories: [], meta: new Map(), comments: 0 });

/** Streams the file through saxes, calling `onItem` for each <item> and keeping the channel's fields. */
async function* parseWxr(file: string, channel: Channel): AsyncGenerator<RawItem> {
  const encoding = declaredEncoding(await readHead(file));
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  const attrs: Array<Record<string, string>> = [];
  let text = '';
  let item: RawItem | null = null;
  let author: Map<string, string> | null = null;
  let metaKey = '';
  let metaValue = '';
  let inComment = 0;
  let sawRoot = false;
  const ready: RawItem[] = [];

  parser.on('opentag', (tag) => {
    if (!sawRoot) {
      sawRoot = true;
      if (tag.name !== 'rss') {
        throw new DomainError(
          'invalid_input',
          `this is not a WordPress export: its root element is <${tag.name}>, not <rss>`,
        );
      }
    }
    stack.push(tag.name);
    attrs.push(tag.attributes as Record<string, string>);
    text = '';
    if (tag.name === 'item' && stack.length === 3) item = newItem();
    else if (tag.name === 'wp:author' && stack.length === 3) author = new Map();
    else if (tag.name === 'wp:comment') inComment++;
  });
  const onText = (t: string) => {
    if (inComment === 0 && stack.length >= 3) text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const depth = stack.length;
    const name = tag.name;
    const at = attrs[attrs.length - 1] ?? {};
    if (name === 'wp:comment') inComment--;
    else if (item && inComment === 0) {
      if (depth === 3 && name === 'item') {
        ready.push(item);
        item = null;
      } else if (depth === 4 && name === 'category') {
        item.categories.push({ domain: at.domain ?? '', nicename: at.nicename ?? '', name: text.trim() });
      } else if (depth === 4 && name === 'wp:postmeta') {
        item.meta.set(metaKey, metaValue);
      } else if (depth === 5 && name === 'wp:meta_key') metaKey = text.trim();
      else if (depth === 5 && name === 'wp:meta_value') metaValue = text;
      else if (depth === 4 && !item.fields.has(name)) item.fields.set(name, text);
    } else if (item) {
      // Inside a comment: nothing of it is kept; the comment is counted when it closes.
    } else if (author) {
      if (depth === 3 && name === 'wp:author') {
        const login = author.get('wp:author_login') ?? '';
        if (login) channel.authors.set(login, { login, name: author.get('wp:author_display_name') || login });
        author = null;
      } else if (depth === 4) author.set(name, text.trim());
    } else if (depth === 3) channel.fields.set(name, text.trim());
    if (item && name === 'wp:comment' && inComment === 0) item.comments++;
    stack.pop();
    attrs.pop();
    text = '';
  });

  let first = true;
  for await (const chunk of textChunks(file, encoding)) {
    if (first) {
      first = false;
      const start = chunk.replace(/^\uFEFF/, '').trimStart();
      if (!start.startsWith('<')) {
        throw new DomainError('invalid_input', 'this is not a WordPress export (WXR): the file is not XML');
      }
    }
    try {
      parser.write(chunk);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('invalid_input', `the XML is malformed: ${(err as Error).message}`);
    }
    yield* ready.splice(0);
  }
  try {
    parser.close();
  } catch (err) {
    throw new DomainError('invalid_input', `the XML ends early or is malformed: ${(err as Error).message}`);
  }
  yield* ready.splice(0);
  if (!sawRoot) throw new DomainError('invalid_input', 'this is not a WordPress export: the file is empty');
}

const LANGUAGE = /^([a-z]{2,3})(?:[-_][a-z]{2})?$/i;
function languageOf(raw: RawItem): string | null {
  const candidates = [
    ...raw.categories.filter((c) => c.domain === 'language').map((c) => c.nicename || c.name),
    raw.meta.get('_wpml_language') ?? '',
    raw.meta.get('wpml_language') ?? '',
    raw.meta.get('_locale') ?? '',
  ];
  for (const c of candidates) {
    const m = LANGUAGE.exec(c.trim());
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

/** WordPress keeps a photo's credit in serialised PHP (image_meta.credit): read it there. */
export function creditOf(serialised: string): string {
  const m = /s:6:"credit";s:\d+:"([^"]*)"/.exec(serialised);
  return m ? m[1]!.trim() : '';
}

function term(c: { nicename: string; name: string }): ImportTerm {
  const name = plainText(c.name) || c.nicename;
  return { sourceId: c.nicename || name, name, slug: c.nicename || name, description: '' };
}

const SYSTEM_TYPES = new Set([
  'attachment',
  'nav_menu_item',
  'revision',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'user_request',
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_global_styles',
  'wp_navigation',
  'wp_font_family',
  'wp_font_face',
]);

/** The export as items, ready for runImport. `timeZone` reads dates WordPress wrote without one. */
export async function readWordPress(file: string, options: { timeZone: string }): Promise<ImportSource> {
  // Pass 1: authors, attachments, the count.
  const channel: Channel = { fields: new Map(), authors: new Map() };
  const attachments = new Map<string, AttachmentInfo & { credit: string }>();
  let total = 0;
  // A file that breaks off (truncated, malformed further in) is still read up to the break in
  // the second pass, which stops there and says so in the report.
  const upToTheBreak = async function* (): AsyncGenerator<RawItem> {
    try {
      yield* parseWxr(file, channel);
    } catch (err) {
      if (!(err instanceof DomainError) || !err.message.startsWith('the XML')) throw err;
    }
  };
  for await (const raw of upToTheBreak()) {
    const type = raw.fields.get('wp:post_type') ?? '';
    if (type === 'attachment') {
      const id = raw.fields.get('wp:post_id')?.trim() ?? '';
      const url = raw.fields.get('wp:attachment_url')?.trim() || raw.fields.get('guid')?.trim() || '';
      if (id && url) {
        attachments.set(id, {
          url,
          alt: plainText(raw.meta.get('_wp_attachment_image_alt') ?? ''),
          caption: plainText(raw.fields.get('excerpt:encoded') ?? ''),
          credit: creditOf(raw.meta.get('_wp_attachment_metadata') ?? ''),
        });
      }
    } else if (!SYSTEM_TYPES.has(type)) total++;
  }
  if (!channel.fields.has('wp:wxr_version') && !channel.fields.has('wp:base_site_url')) {
    throw new DomainError(
      'invalid_input',
      'this is RSS but not a WordPress export: it has no wp:wxr_version',
    );
  }
  const siteUrl =
    (channel.fields.get('wp:base_blog_url') || channel.fields.get('link') || '').replace(/\/+$/, '') || null;
  const attachment = (id: string) => attachments.get(id);

  function toItem(raw: RawItem): ImportItem | null {
    const f = (name: string) => raw.fields.get(name) ?? '';
    const type = f('wp:post_type').trim() || 'post';
    const id = f('wp:post_id').trim();
    const title = f('title');
    if (SYSTEM_TYPES.has(type)) return null;
    const sourceId = `${type}:${id}`;
    if (!id) return { kind: 'problem', sourceId: `${type}:?`, title, message: 'the item has no wp:post_id' };
    if (type !== 'post' && type !== 'page') {
      return { kind: 'skip', sourceId, title, reason: `a "${type}" (a custom post type) has no place here` };
    }
    const status = f('wp:status').trim();
    if (status === 'auto-draft' || status === 'inherit') {
      return { kind: 'skip', sourceId, title, reason: `WordPress status "${status}"` };
    }
    const gmt = gmtToIso(f('wp:post_date_gmt'));
    const publishedAt =
      gmt ?? localToUtc(f('wp:post_date'), options.timeZone) ?? anyDateToIso(f('pubDate'), options.timeZone);
    const modifiedAt =
      gmtToIso(f('wp:post_modified_gmt')) ?? localToUtc(f('wp:post_modified'), options.timeZone);
    const slug = f('wp:post_name').trim();
    const body = wordpressBody(f('content:encoded'), attachment);
    const thumb = attachments.get(raw.meta.get('_thumbnail_id')?.trim() ?? '');
    const login = f('dc:creator').trim();
    const who = channel.authors.get(login);
    const oldPaths: string[] = [];
    if (f('link').trim()) oldPaths.push(f('link').trim());
    oldPaths.push(type === 'page' ? `/?page_id=${id}` : `/?p=${id}`);
    if (/[?&](p|page_id)=\d+/.test(f('guid'))) oldPaths.push(f('guid').trim());
    if (type === 'post' && slug && publishedAt && status === 'publish') {
      // Date-based permalinks use the site's local date, as WordPress wrote it in post_date.
      const local = /^(\d{4})-(\d{2})-(\d{2})/.exec(f('wp:post_date'));
      if (local) {
        const [, y, m, d] = local;
        oldPaths.push(`/${y}/${m}/${d}/${slug}/`, `/${y}/${m}/${slug}/`);
      }
      oldPaths.push(`/${slug}/`);
    }
    const article: ImportArticle = {
      kind: 'article',
      sourceId,
      type,
      status:
        status === 'publish'
          ? 'published'
          : status === 'future'
            ? 'scheduled'
            : status === 'private'
              ? 'private'
              : status === 'trash'
                ? 'trashed'
                : 'draft',
      title,
      slug,
      html: body.html,
      excerpt: plainText(f('excerpt:encoded')),
      publishedAt,
      modifiedAt,
      authors: login ? [{ sourceId: `login:${login}`, name: who?.name ?? login, slug: login, bio: '' }] : [],
      sections: raw.categories.filter((c) => c.domain === 'category').map(term),
      tags: raw.categories.filter((c) => c.domain === 'post_tag').map(term),
      featuredImage: thumb
        ? { url: thumb.url, alt: thumb.alt, caption: thumb.caption, credit: thumb.credit }
        : null,
      language: languageOf(raw),
      oldPaths,
      comments: raw.comments,
      shortcodes: body.shortcodes,
      seoTitle: plainText(raw.meta.get('_yoast_wpseo_title') ?? ''),
      seoDescription: plainText(raw.meta.get('_yoast_wpseo_metadesc') ?? ''),
    };
    return article;
  }

  async function* items(): AsyncGenerator<ImportItem> {
    const again: Channel = { fields: new Map(), authors: new Map() };
    for await (const raw of parseWxr(file, again)) {
      const item = toItem(raw);
      if (item) yield item;
    }
  }
  return { platform: 'wordpress', siteUrl, items: items(), total };
}
