import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// A figure in an article body names its photo in the media library. The attribute was written
// `mediaId`, the one camelCase name left in the APIs' JSON; it is `media_id` now, like every other
// name. Bodies are JSON written by JSON.stringify, so the attribute appears exactly as
// `"mediaId":` (the same characters inside a text node would be escaped as `\"mediaId\":`).
// Re-runnable: nothing matches once renamed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`update articles set body = replace(body, '"mediaId":', '"media_id":')
            where body like '%"mediaId":%'`.execute(db);
}
