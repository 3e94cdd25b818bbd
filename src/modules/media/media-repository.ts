import type { Kysely, Selectable } from 'kysely';
import type { Database, MediaTable } from '../../db/schema.ts';
import { variantsSchema, type MediaDetails, type MediaRecord } from './media.types.ts';

export interface MediaRepository {
  insert(record: MediaRecord): Promise<void>;
  findById(id: string): Promise<MediaRecord | undefined>;
  /** The records that exist among `ids`, in one query (pages show many photos at once). */
  findByIds(ids: readonly string[]): Promise<MediaRecord[]>;
  /** Newest first. */
  list(limit: number, offset: number): Promise<MediaRecord[]>;
  count(): Promise<number>;
  /** The updated record, or undefined when there is no such media. */
  updateDetails(id: string, details: MediaDetails): Promise<MediaRecord | undefined>;
  /** Whether a row was deleted. */
  delete(id: string): Promise<boolean>;
}

export function createMediaRepository(db: Kysely<Database>): MediaRepository {
  return {
    async insert(record) {
      await db.insertInto('media').values(toRow(record)).execute();
    },

    async findById(id) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      return rows.map(toRecord);
    },

    async list(limit, offset) {
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toRecord);
    },

    async count() {
      const { count } = await db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      return Number(count); // a string on PostgreSQL, a number on SQLite
    },

    async updateDetails(id, details) {
      const changes = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length > 0) {
        const result = await db.updateTable('media').set(changes).where('id', '=', id).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return undefined;
      }
      return this.findById(id);
    },

    async delete(id) {
      const result = await db.deleteFrom('media').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toRow(record: MediaRecord): MediaTable {
  return {
    id: record.id,
    mime: record.mime,
    width: record.width,
    height: record.height,
    bytes: record.bytes,
    original_key: record.originalKey,
    variants: JSON.stringify(record.variants),
    caption: record.caption,
    credit: record.credit,
    alt: record.alt,
    created_at: record.createdAt,
  };
}

function toRecord(row: Selectable<MediaTable>): MediaRecord {
  return {
    id: row.id,
    mime: row.mime,
    width: Number(row.width),
    height: Number(row.height),
    bytes: Number(row.bytes),
    originalKey: row.original_key,
    variants: variantsSchema.parse(JSON.parse(row.variants)),
    caption: row.caption,
    credit: row.credit,
    alt: row.alt,
    createdAt: row.created_at,
  };
}
