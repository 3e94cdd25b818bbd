import { DomainError } from '../../domain/errors.ts';
import { ghostLanguage } from './ghost-language.ts';
import { lexicalToHtml, mobiledocToHtml } from './ghost-body.ts';
import type { ImportArticle, ImportAuthor, ImportItem, ImportSource, ImportTerm } from './import.types.ts';
import { json } from './json-fields.ts';
import { jsonValuesAt } from './json-stream.ts';
import { anyDateToIso } from './local-time.ts';
import { plainText } from './plain-text.ts';
import { textChunks } from './text-stream.ts';

// A Ghost JSON export (Settings → Labs → Export; versions 4 to 6): {db: [{meta, data: {posts,
// tags, posts_tags, users, posts_authors, posts_meta, …}}]}. JSON cannot be streamed the way XML
// is, so the file is scanned twice by json-stream.ts: first for everything but the posts (tags,
// users and the link tables, small even for a large site), then for the posts, one at a time.
// Memory holds one post and the link tables, never the file.

const RELATIONS = new Set(['tags', 'users', 'posts_tags', 'posts_authors', 'posts_meta']);

/** `db.*.data.X.*` (Ghost's own exports) or `data.X.*` (older and hand-made ones). */
function tableOf(path: readonly string[]): string | null {
  const n = path.length;
  if (n >= 3 && path[n - 1] === '*' && path[n - 3] === 'data') return path[n - 2]!;
  return null;
}
const isMeta = (path: readonly string[]) =>
  path.length >= 1 && path[path.length - 1] === 'meta' && path.length <= 3;

export async function readGhost(
  file: string,
  options: { timeZone: string; siteUrl: string | null },
): Promise<ImportSource> {
  const tags = new Map<string, Record<string, unknown>>();
  const users = new Map<string, Record<string, unknown>>();
  const postTags = new Map<string, Array<{ id: string; order: number }>>();
  const postAuthors = new Map<string, Array<{ id: string; order: number }>>();
  const postMeta = new Map<string, Record<string, unknown>>();
  let version = '';
  let sawData = false;

  const add = (
    into: Map<string, Array<{ id: string; order: number }>>,
    post: string,
    id: string,
    order: number,
  ) => {
    const list = into.get(post) ?? [];
    list.push({ id, order });
    into.set(post, list);
  };

  for await (const { path, value } of jsonValuesAt(textChunks(file, 'utf-8'), (p) => {
    const table = tableOf(p);
    return (table !== null && RELATIONS.has(table)) || isMeta(p);
  })) {
    const row = value as Record<string, unknown>;
    if (isMeta(path)) {
      version = String(row.version ?? '');
      continue;
    }
    sawData = true;
    const table = tableOf(path);
    const id = String(row.id ?? '');
    if (table === 'tags') tags.set(id, row);
    else if (table === 'users') users.set(id, row);
    else if (table === 'posts_tags')
      add(postTags, String(row.post_id), String(row.tag_id), Number(row.sort_order ?? 0));
    else if (table === 'posts_authors')
      add(postAuthors, String(row.post_id), String(row.author_id), Number(row.sort_order ?? 0));
    else if (table === 'posts_meta') postMeta.set(String(row.post_id), row);
  }
  if (!version && !sawData) {
    throw new DomainError(
      'invalid_input',
      'this is not a Ghost export: it has no db[].meta.version and no data tables',
    );
  }
  const siteUrl = options.siteUrl?.replace(/\/+$/, '') ?? null;
  const fixUrl = (url: string) => url.replace(/__GHOST_URL__/g, siteUrl ?? '');

  function author(id: string): ImportAuthor | null {
    const u = users.get(id);
    if (!u) return null;
    return {
      sourceId: `user:${id}`,
      name: json.str(u.name) || json.str(u.slug),
      slug: json.str(u.slug),
      bio: plainText(json.str(u.bio)),
    };
  }

  function toItem(post: Record<string, unknown>): ImportItem {
    const id = json.str(post.id);
    const title = json.str(post.title);
    const type = post.type === 'page' ? 'page' : 'post';
    const sourceId = `${type}:${id}`;
    const meta = postMeta.get(id) ?? {};
    let html = '';
    try {
      if (json.str(post.lexical)) html = lexicalToHtml(json.str(post.lexical));
      else if (json.str(post.mobiledoc)) html = mobiledocToHtml(json.str(post.mobiledoc));
      else html = json.str(post.html);
    } catch (err) {
      if (json.str(post.html)) html = json.str(post.html);
      else
        return {
          kind: 'problem',
          sourceId,
          title,
          message: `its body (lexical or mobiledoc) is not valid JSON: ${(err as Error).message}`,
        };
    }
    const tagRows = (postTags.get(id) ?? [])
      .sort((a, b) => a.order - b.order)
      .map((t) => tags.get(t.id))
      .filter((t) => t !== undefined);
    const internal = tagRows.filter((t) => t.visibility === 'internal' || json.str(t.name).startsWith('#'));
    const publicTags: ImportTerm[] = tagRows
      .filter((t) => !internal.includes(t))
      .map((t) => ({
        sourceId: json.str(t.id),
        name: json.str(t.name),
        slug: json.str(t.slug),
        description: plainText(json.str(t.description)),
      }));
    const authors = (postAuthors.get(id) ?? [])
      .sort((a, b) => a.order - b.order)
      .map((a) => author(a.id))
      .filter((a): a is ImportAuthor => a !== null);
    if (authors.length === 0) {
      const fallback = author(json.str(post.author_id) || json.str(post.published_by));
      if (fallback) authors.push(fallback);
    }
    const status = json.str(post.status);
    const featured = fixUrl(json.str(post.feature_image));
    const slug = json.str(post.slug);
    const article: ImportArticle = {
      kind: 'article',
      sourceId,
      type,
      status: status === 'published' ? 'published' : status === 'scheduled' ? 'scheduled' : 'draft',
      title,
      slug,
      html: fixUrl(html),
      excerpt: plainText(json.str(post.custom_excerpt)),
      publishedAt: anyDateToIso(json.str(post.published_at), options.timeZone),
      modifiedAt: anyDateToIso(json.str(post.updated_at), options.timeZone),
      authors,
      sections: [],
      tags: publicTags,
      featuredImage: featured
        ? {
            url: featured,
            alt: plainText(json.str(meta.feature_image_alt ?? post.feature_image_alt)),
            caption: plainText(json.str(meta.feature_image_caption ?? post.feature_image_caption)),
            credit: '',
          }
        : null,
      language: ghostLanguage(
        internal.map((t) => json.str(t.slug) || json.str(t.name)),
        json.str(post.locale),
      ),
      oldPaths: slug ? [`/${slug}/`] : [],
      comments: 0,
      shortcodes: {},
      seoTitle: plainText(json.str(meta.meta_title ?? post.meta_title)),
      seoDescription: plainText(json.str(meta.meta_description ?? post.meta_description)),
    };
    return article;
  }

  async function* items(): AsyncGenerator<ImportItem> {
    for await (const { value } of jsonValuesAt(textChunks(file, 'utf-8'), (p) => tableOf(p) === 'posts')) {
      const post = value as Record<string, unknown>;
      if (post.status === 'sent') {
        yield {
          kind: 'skip',
          sourceId: `post:${json.str(post.id)}`,
          title: json.str(post.title),
          reason: 'sent as a newsletter only, never on the site',
        };
        continue;
      }
      yield toItem(post);
    }
  }
  return { platform: 'ghost', siteUrl, items: items(), total: null };
}
