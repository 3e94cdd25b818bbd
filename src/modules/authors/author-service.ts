import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { AuthorsTable } from '../../db/schema.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { seal } from '../../crypto/sealed-box.ts';
import { slugify } from '../../lib/slug.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { authorCreateSchema, authorUpdateSchema, type Author } from './author.types.ts';

export function toAuthor(row: Pick<AuthorsTable, 'id' | 'name' | 'slug' | 'bio' | 'is_pen_name'>): Author {
  return { id: row.id, name: row.name, slug: row.slug, bio: row.bio, isPenName: row.is_pen_name === 1 };
}

const publicColumns = ['id', 'name', 'slug', 'bio', 'is_pen_name'] as const;

export function createAuthorService(deps: {
  db: Db;
  encryptionKey: Buffer;
  now?: Clock;
  onChange?: () => Promise<void> | void;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;

  async function assertSlugFree(slug: string, exceptId?: string) {
    const existing = await kysely
      .selectFrom('authors')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (existing && existing.id !== exceptId)
      throw new ConflictError(`an author with slug "${slug}" exists`, { slug });
  }

  return {
    async create(input: unknown): Promise<Author> {
      const data = parseInput(authorCreateSchema, input);
      const slug = data.slug ?? (slugify(data.name) || `author-${randomUUID().slice(0, 8)}`);
      await assertSlugFree(slug);
      const at = iso(now());
      const row: AuthorsTable = {
        id: randomUUID(),
        name: data.name,
        slug,
        bio: data.bio,
        is_pen_name: data.is_pen_name ? 1 : 0,
        real_name_sealed: data.real_name ? seal(deps.encryptionKey, data.real_name) : null,
        created_at: at,
        updated_at: at,
      };
      await kysely.insertInto('authors').values(row).execute();
      await deps.onChange?.();
      return toAuthor(row);
    },

    async update(id: string, input: unknown): Promise<Author> {
      const data = parseInput(authorUpdateSchema, input);
      const current = await this.get(id);
      if (data.slug && data.slug !== current.slug) await assertSlugFree(data.slug, id);
      const patch: Partial<AuthorsTable> = { updated_at: iso(now()) };
      if (data.name !== undefined) patch.name = data.name;
      if (data.slug !== undefined) patch.slug = data.slug;
      if (data.bio !== undefined) patch.bio = data.bio;
      if (data.is_pen_name !== undefined) patch.is_pen_name = data.is_pen_name ? 1 : 0;
      if (data.real_name !== undefined) {
        patch.real_name_sealed = data.real_name === null ? null : seal(deps.encryptionKey, data.real_name);
      }
      await kysely.updateTable('authors').set(patch).where('id', '=', id).execute();
      await deps.onChange?.();
      return this.get(id);
    },

    async get(id: string): Promise<Author> {
      const row = await kysely
        .selectFrom('authors')
        .select(publicColumns)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('author', id);
      return toAuthor(row);
    },

    async findBySlug(slug: string): Promise<Author | undefined> {
      const row = await kysely
        .selectFrom('authors')
        .select(publicColumns)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ? toAuthor(row) : undefined;
    },

    async list(): Promise<Author[]> {
      const rows = await kysely.selectFrom('authors').select(publicColumns).orderBy('name').execute();
      return rows.map(toAuthor);
    },

    async delete(id: string): Promise<void> {
      const result = await kysely.deleteFrom('authors').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('author', id);
      await deps.onChange?.();
    },
  };
}

export type AuthorService = ReturnType<typeof createAuthorService>;
