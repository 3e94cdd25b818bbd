import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { TagsTable } from '../../db/schema.ts';
import { rethrowUniqueAs } from '../../db/unique-violation.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { assertSlugFree, insertWithSlug, slugOwners, slugTaken } from '../../lib/slug-ownership.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import {
  assertTranslationSlugsFree,
  findIdBySlugIn,
  loadTranslations,
  saveTranslations,
  translationKinds,
  translationsIn,
  type StoredTranslation,
  type TranslationInput,
} from '../../lib/translation-store.ts';
import type { Tag, TagCreate, TagTranslation, TagUpdate } from './tag.types.ts';

export function toTag(
  row: Pick<TagsTable, 'id' | 'name' | 'slug' | 'description' | 'is_section' | 'nav_order'>,
): Tag {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    isSection: row.is_section === 1,
    navOrder: row.nav_order,
  };
}

const kind = translationKinds.tag;

function toStored(input: TagCreate['translations']): Record<string, TranslationInput> | undefined {
  if (!input) return undefined;
  return Object.fromEntries(
    Object.entries(input).map(([language, t]) => [
      language,
      t ? { name: t.name, slug: t.slug, text: t.description } : null,
    ]),
  );
}

function fromStored(stored: StoredTranslation): TagTranslation {
  return { name: stored.name, slug: stored.slug, description: stored.text };
}

function fromStoredAll(
  stored: Record<string, StoredTranslation> | undefined,
): Record<string, TagTranslation> {
  return Object.fromEntries(Object.entries(stored ?? {}).map(([lang, t]) => [lang, fromStored(t)]));
}

const columns = ['id', 'name', 'slug', 'description', 'is_section', 'nav_order'] as const;
const owner = slugOwners.tag;

export function createTagService(deps: { db: Db; now?: Clock; onChange?: () => Promise<void> | void }) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;

  async function withTranslations(tags: Tag[]): Promise<Tag[]> {
    const stored = await loadTranslations(
      kysely,
      kind,
      tags.map((t) => t.id),
    );
    return tags.map((t) => ({ ...t, translations: fromStoredAll(stored.get(t.id)) }));
  }

  return {
    /** Takes the parsed request (tagCreateSchema); a slug derived from the name is never a clash. */
    async create(data: TagCreate): Promise<Tag> {
      const at = iso(now());
      const translations = toStored(data.translations);
      await assertTranslationSlugsFree(kysely, kind, undefined, translations);
      const row = await insertWithSlug(kysely, owner, { slug: data.slug, name: data.name }, async (slug) => {
        const row: TagsTable = {
          id: randomUUID(),
          name: data.name,
          slug,
          description: data.description,
          is_section: data.is_section ? 1 : 0,
          nav_order: data.nav_order,
          created_at: at,
          updated_at: at,
        };
        await kysely.insertInto('tags').values(row).execute();
        return row;
      });
      await saveTranslations(kysely, kind, row.id, translations);
      await deps.onChange?.();
      return this.get(row.id);
    },

    /** Takes the parsed request (tagUpdateSchema). */
    async update(id: string, data: TagUpdate): Promise<Tag> {
      const current = await this.get(id);
      if (data.slug && data.slug !== current.slug) await assertSlugFree(kysely, owner, data.slug, id);
      const translations = toStored(data.translations);
      await assertTranslationSlugsFree(kysely, kind, id, translations);
      const patch: Partial<TagsTable> = { updated_at: iso(now()) };
      if (data.name !== undefined) patch.name = data.name;
      if (data.slug !== undefined) patch.slug = data.slug;
      if (data.description !== undefined) patch.description = data.description;
      if (data.is_section !== undefined) patch.is_section = data.is_section ? 1 : 0;
      if (data.nav_order !== undefined) patch.nav_order = data.nav_order;
      await kysely
        .updateTable('tags')
        .set(patch)
        .where('id', '=', id)
        .execute()
        .catch((error: unknown) => rethrowUniqueAs(error, () => slugTaken(owner, data.slug ?? current.slug)));
      await saveTranslations(kysely, kind, id, translations);
      await deps.onChange?.();
      return this.get(id);
    },

    async get(id: string): Promise<Tag> {
      const row = await kysely.selectFrom('tags').select(columns).where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFoundError('tag', id);
      return withTranslations([toTag(row)]).then((t) => t[0]!);
    },

    async findBySlug(slug: string): Promise<Tag | undefined> {
      const row = await kysely.selectFrom('tags').select(columns).where('slug', '=', slug).executeTakeFirst();
      return row ? (await withTranslations([toTag(row)]))[0] : undefined;
    },

    /** The tag whose slug in `language` is `slug` (its translation's, or else its default one). */
    async findBySlugIn(language: string, slug: string): Promise<Tag | undefined> {
      const id = await findIdBySlugIn(kysely, kind, language, slug);
      return id ? this.get(id) : undefined;
    },

    /** Every tag's fields in `language`, by tag id (tags without a translation are absent). */
    async translationsIn(language: string): Promise<Map<string, TagTranslation>> {
      const stored = await translationsIn(kysely, kind, language);
      return new Map([...stored].map(([id, t]) => [id, fromStored(t)]));
    },

    async list(options: { sectionsOnly?: boolean } = {}): Promise<Tag[]> {
      let query = kysely.selectFrom('tags').select(columns);
      if (options.sectionsOnly) query = query.where('is_section', '=', 1);
      const rows = await query
        .orderBy('is_section', 'desc')
        .orderBy(sql`coalesce(nav_order, 1000000)`)
        .orderBy('name')
        .execute();
      return withTranslations(rows.map(toTag));
    },

    /** The tag leaves every article (the links cascade); the articles stay. */
    async delete(id: string): Promise<void> {
      const result = await kysely.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('tag', id);
      await deps.onChange?.();
    },
  };
}

export type TagService = ReturnType<typeof createTagService>;
