import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { slugify, SLUG_PATTERN, MAX_SLUG_LENGTH } from '../../lib/slug.ts';
import type { Clock } from '../../lib/time.ts';
import { authorCreateSchema, type AuthorService } from '../authors/index.ts';
import { tagCreateSchema, type TagService } from '../tags/index.ts';
import { findImported, recordImported } from './import-items.ts';
import type { ImportAuthor, ImportReport, ImportTerm } from './import.types.ts';

// The authors and tags (sections too) an import meets: the one an earlier run of the same source
// made, else one with the same slug, else a new one; recorded with the source's id and kept for
// the rest of the run, so each is looked up once.

/** What the import records beside each item, to tell a changed one from an unchanged one. */
export const contentHash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The old slug when it is a valid one of ours (percent-decoded), else one made from the title. */
export function cleanSlug(slug: string, title: string): string {
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // keep as written
  }
  const fromSlug = slugify(decoded).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
  if (fromSlug && SLUG_PATTERN.test(fromSlug)) return fromSlug;
  return slugify(title).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '') || 'untitled';
}

export interface ImportTaxonomyDeps {
  kysely: Kysely<Database>;
  authors: AuthorService;
  tags: TagService;
  /** `platform:site`, as the import records items. */
  sourceKey: string;
  report: Pick<ImportReport, 'authors' | 'tags'>;
  now: Clock;
}

export function createImportTaxonomy(deps: ImportTaxonomyDeps) {
  const ids = new Map<string, string>();

  async function ensure(
    kind: 'author' | 'tag',
    sourceId: string,
    item: ImportAuthor | ImportTerm,
    counts: { imported: number; matched: number },
    find: (slug: string) => Promise<{ id: string } | undefined | null>,
    create: (slug: string) => Promise<{ id: string }>,
  ): Promise<string> {
    const cached = ids.get(`${kind}:${sourceId}`);
    if (cached) return cached;
    let id = (await findImported(deps.kysely, deps.sourceKey, kind, sourceId))?.targetId;
    if (!id) {
      const slug = cleanSlug(item.slug, item.name);
      const existing = await find(slug);
      if (existing) {
        id = existing.id;
        counts.matched++;
      } else {
        id = (await create(slug)).id;
        counts.imported++;
      }
      await recordImported(deps.kysely, {
        source: deps.sourceKey,
        kind,
        sourceId,
        targetId: id,
        contentHash: contentHash(item),
        at: deps.now().toISOString(),
      });
    }
    ids.set(`${kind}:${sourceId}`, id);
    return id;
  }

  return {
    author: (a: ImportAuthor) =>
      ensure(
        'author',
        a.sourceId,
        a,
        deps.report.authors,
        (slug) => deps.authors.findBySlug(slug),
        (slug) =>
          deps.authors.create(
            authorCreateSchema.parse({ name: a.name.slice(0, 200) || slug, slug, bio: a.bio.slice(0, 5000) }),
          ),
      ),
    tag: (t: ImportTerm, isSection: boolean) =>
      ensure(
        'tag',
        `${isSection ? 'section' : 'tag'}:${t.sourceId}`,
        t,
        deps.report.tags,
        (slug) => deps.tags.findBySlug(slug),
        (slug) =>
          deps.tags.create(
            tagCreateSchema.parse({
              name: t.name.slice(0, 120) || slug,
              slug,
              description: t.description.slice(0, 2000),
              is_section: isSection,
            }),
          ),
      ),
  };
}
