import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { AuthorsTable } from '../../db/schema.ts';
import { rethrowUniqueAs } from '../../db/unique-violation.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { open, seal } from '../../crypto/sealed-box.ts';
import { can, type Actor } from '../staff/index.ts';
import { assertSlugFree, insertWithSlug, slugOwners, slugTaken } from '../../lib/slug-ownership.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import { canonicalFingerprint, signalUsernameProblem } from './author-contact.ts';
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
import type { Author, AuthorCreate, AuthorTranslation, AuthorUpdate } from './author.types.ts';

const kind = translationKinds.author;

function toStored(input: AuthorCreate['translations']): Record<string, TranslationInput> | undefined {
  if (!input) return undefined;
  return Object.fromEntries(
    Object.entries(input).map(([language, t]) => [
      language,
      t ? { name: t.name, slug: t.slug, text: t.bio } : null,
    ]),
  );
}

function fromStored(stored: StoredTranslation): AuthorTranslation {
  return { name: stored.name, slug: stored.slug, bio: stored.text };
}

type ContactColumns = 'portrait_media_id' | 'role' | 'signal_username' | 'pgp_fingerprint';

/** A row to an author; a byline loaded without the page's extras (portrait, role, contact) has none. */
export function toAuthor(
  row: Pick<AuthorsTable, 'id' | 'name' | 'slug' | 'bio' | 'is_pen_name'> &
    Partial<Pick<AuthorsTable, ContactColumns>>,
): Author {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    bio: row.bio,
    isPenName: row.is_pen_name === 1,
    portraitMediaId: row.portrait_media_id ?? null,
    role: row.role ?? '',
    signalUsername: row.signal_username ?? null,
    pgpFingerprint: row.pgp_fingerprint ?? null,
  };
}

const publicColumns = [
  'id',
  'name',
  'slug',
  'bio',
  'is_pen_name',
  'portrait_media_id',
  'role',
  'signal_username',
  'pgp_fingerprint',
] as const;
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

/** A portrait must be one of our own uploads, and an image. */
async function assertPortrait(db: Db['kysely'], mediaId: string | null | undefined): Promise<void> {
  if (!mediaId) return;
  const media = await db.selectFrom('media').select('mime').where('id', '=', mediaId).executeTakeFirst();
  if (!media) {
    throw new ValidationError(`portrait_media_id: unknown media id ${mediaId}`, {
      field: 'portrait_media_id',
      missing: [mediaId],
    });
  }
  if (!media.mime.startsWith('image/')) {
    throw new ValidationError(`portrait_media_id: media ${mediaId} is not an image`, {
      field: 'portrait_media_id',
    });
  }
}

/** The schemas check these at the API; the operation checks again for direct callers (the demo). */
function assertContact(data: { signal_username?: string | null; pgp_fingerprint?: string | null }): void {
  const signalProblem = data.signal_username ? signalUsernameProblem(data.signal_username) : null;
  if (signalProblem) {
    throw new ValidationError(`signal_username: ${signalProblem}`, { field: 'signal_username' });
  }
  if (data.pgp_fingerprint && canonicalFingerprint(data.pgp_fingerprint) !== data.pgp_fingerprint) {
    throw new ValidationError('pgp_fingerprint: must be 40 uppercase hex digits', {
      field: 'pgp_fingerprint',
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

  async function withTranslations(authors: Author[]): Promise<Author[]> {
    const stored = await loadTranslations(
      kysely,
      kind,
      authors.map((a) => a.id),
    );
    return authors.map((a) => ({
      ...a,
      translations: Object.fromEntries(
        Object.entries(stored.get(a.id) ?? {}).map(([lang, t]) => [lang, fromStored(t)]),
      ),
    }));
  }

  return {
    /** Takes the parsed request (authorCreateSchema); a slug derived from the name is never a clash. */
    async create(data: AuthorCreate): Promise<Author> {
      assertRealNameAllowed(data.is_pen_name, data.real_name);
      assertContact(data);
      await assertPortrait(kysely, data.portrait_media_id);
      const at = iso(now());
      const translations = toStored(data.translations);
      await assertTranslationSlugsFree(kysely, kind, undefined, translations);
      const row = await insertWithSlug(kysely, owner, { slug: data.slug, name: data.name }, async (slug) => {
        const row: AuthorsTable = {
          id: randomUUID(),
          name: data.name,
          slug,
          bio: data.bio,
          is_pen_name: data.is_pen_name ? 1 : 0,
          real_name_sealed: data.real_name ? seal(deps.encryptionKey, data.real_name) : null,
          portrait_media_id: data.portrait_media_id ?? null,
          role: data.role ?? '',
          signal_username: data.signal_username ?? null,
          pgp_fingerprint: data.pgp_fingerprint ?? null,
          created_at: at,
          updated_at: at,
        };
        await kysely.insertInto('authors').values(row).execute();
        return row;
      });
      await saveTranslations(kysely, kind, row.id, translations);
      await deps.onChange?.();
      return this.get(row.id);
    },

    /**
     * Takes the parsed request (authorUpdateSchema). Turning a pen name into a real name forgets
     * the stored real name: nothing is left to protect, and nothing is kept that need not be.
     */
    async update(id: string, data: AuthorUpdate): Promise<Author> {
      const current = await this.get(id);
      const isPenName = data.is_pen_name ?? current.isPenName;
      assertRealNameAllowed(isPenName, data.real_name);
      assertContact(data);
      await assertPortrait(kysely, data.portrait_media_id);
      if (data.slug && data.slug !== current.slug) await assertSlugFree(kysely, owner, data.slug, id);
      const translations = toStored(data.translations);
      await assertTranslationSlugsFree(kysely, kind, id, translations);
      const patch: Partial<AuthorsTable> = { updated_at: iso(now()) };
      if (data.name !== undefined) patch.name = data.name;
      if (data.slug !== undefined) patch.slug = data.slug;
      if (data.bio !== undefined) patch.bio = data.bio;
      if (data.is_pen_name !== undefined) patch.is_pen_name = data.is_pen_name ? 1 : 0;
      if (data.portrait_media_id !== undefined) patch.portrait_media_id = data.portrait_media_id;
      if (data.role !== undefined) patch.role = data.role;
      if (data.signal_username !== undefined) patch.signal_username = data.signal_username;
      if (data.pgp_fingerprint !== undefined) patch.pgp_fingerprint = data.pgp_fingerprint;
      if (!isPenName || data.real_name === null) patch.real_name_sealed = null;
      else if (data.real_name !== undefined)
        patch.real_name_sealed = seal(deps.encryptionKey, data.real_name);
      await kysely
        .updateTable('authors')
        .set(patch)
        .where('id', '=', id)
        .execute()
        .catch((error: unknown) => rethrowUniqueAs(error, () => slugTaken(owner, data.slug ?? current.slug)));
      await saveTranslations(kysely, kind, id, translations);
      await deps.onChange?.();
      return this.get(id);
    },

    /**
     * The real name kept behind a pen name (null when none is kept), for those whose role may see
     * it: admins and the owner. Nothing else ever answers it.
     */
    async realName(actor: Actor, id: string): Promise<string | null> {
      if (!can(actor.role, 'authors.real_name')) {
        throw new ForbiddenError(`the "${actor.role}" role may not see the real name behind a pen name`);
      }
      const row = await kysely
        .selectFrom('authors')
        .select('real_name_sealed')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('author', id);
      return row.real_name_sealed ? open(deps.encryptionKey, row.real_name_sealed) : null;
    },

    async get(id: string): Promise<Author> {
      const row = await kysely
        .selectFrom('authors')
        .select(publicColumns)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('author', id);
      return (await withTranslations([toAuthor(row)]))[0]!;
    },

    async findBySlug(slug: string): Promise<Author | undefined> {
      const row = await kysely
        .selectFrom('authors')
        .select(publicColumns)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ? (await withTranslations([toAuthor(row)]))[0] : undefined;
    },

    /** The author whose slug in `language` is `slug` (their translation's, or else the default one). */
    async findBySlugIn(language: string, slug: string): Promise<Author | undefined> {
      const id = await findIdBySlugIn(kysely, kind, language, slug);
      return id ? this.get(id) : undefined;
    },

    /** Every author's fields in `language`, by author id (authors without a translation are absent). */
    async translationsIn(language: string): Promise<Map<string, AuthorTranslation>> {
      const stored = await translationsIn(kysely, kind, language);
      return new Map([...stored].map(([id, t]) => [id, fromStored(t)]));
    },

    async list(): Promise<Author[]> {
      const rows = await kysely.selectFrom('authors').select(publicColumns).orderBy('name').execute();
      return withTranslations(rows.map(toAuthor));
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
