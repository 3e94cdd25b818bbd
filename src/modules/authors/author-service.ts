import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { AuthorsTable } from '../../db/schema.ts';
import { rethrowUniqueAs } from '../../db/unique-violation.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { seal } from '../../crypto/sealed-box.ts';
import { assertSlugFree, insertWithSlug, slugOwners, slugTaken } from '../../lib/slug-ownership.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { Author, AuthorCreate, AuthorUpdate } from './author.types.ts';

export function toAuthor(row: Pick<AuthorsTable, 'id' | 'name' | 'slug' | 'bio' | 'is_pen_name'>): Author {
  return { id: row.id, name: row.name, slug: row.slug, bio: row.bio, isPenName: row.is_pen_name === 1 };
}

const publicColumns = ['id', 'name', 'slug', 'bio', 'is_pen_name'] as const;
const owner = slugOwners.author;

/**
 * A real name is only ever kept to protect someone writing under a pen name; for anyone else it
 * would be a second copy of the byline, kept encrypted for no reason, so it is refused.
 */
function assertRealNameAllowed(isPenName: boolean, realName: string | null | undefined): void {
  if (realName && !isPenName) {
    throw new ValidationError('real_name: only a pen name has a real name to keep; send is_pen_name: true', {
      field: 'real_name',
    });
  }
}

export function createAuthorService(deps: {
  db: Db;
  encryptionKey: Buffer;
  now?: Clock;
  onChange?: () => Promise<void> | void;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;

  return {
    /** Takes the parsed request (authorCreateSchema); a slug derived from the name is never a clash. */
    async create(data: AuthorCreate): Promise<Author> {
      assertRealNameAllowed(data.is_pen_name, data.real_name);
      const at = iso(now());
      const row = await insertWithSlug(kysely, owner, { slug: data.slug, name: data.name }, async (slug) => {
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
        return row;
      });
      await deps.onChange?.();
      return toAuthor(row);
    },

    /**
     * Takes the parsed request (authorUpdateSchema). Turning a pen name into a real name forgets
     * the stored real name: nothing is left to protect, and nothing is kept that need not be.
     */
    async update(id: string, data: AuthorUpdate): Promise<Author> {
      const current = await this.get(id);
      const isPenName = data.is_pen_name ?? current.isPenName;
      assertRealNameAllowed(isPenName, data.real_name);
      if (data.slug && data.slug !== current.slug) await assertSlugFree(kysely, owner, data.slug, id);
      const patch: Partial<AuthorsTable> = { updated_at: iso(now()) };
      if (data.name !== undefined) patch.name = data.name;
      if (data.slug !== undefined) patch.slug = data.slug;
      if (data.bio !== undefined) patch.bio = data.bio;
      if (data.is_pen_name !== undefined) patch.is_pen_name = data.is_pen_name ? 1 : 0;
      if (!isPenName || data.real_name === null) patch.real_name_sealed = null;
      else if (data.real_name !== undefined)
        patch.real_name_sealed = seal(deps.encryptionKey, data.real_name);
      await kysely
        .updateTable('authors')
        .set(patch)
        .where('id', '=', id)
        .execute()
        .catch((error: unknown) => rethrowUniqueAs(error, () => slugTaken(owner, data.slug ?? current.slug)));
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

    /** The author leaves every byline (the links cascade); their articles stay. */
    async delete(id: string): Promise<void> {
      const result = await kysely.deleteFrom('authors').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('author', id);
      await deps.onChange?.();
    },
  };
}

export type AuthorService = ReturnType<typeof createAuthorService>;
