import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SearchDb } from '../search/index.ts';
import { relatedIndex } from './related-index.ts';
import type { TermVector } from './related-score.ts';

// Document frequencies (in how many articles a term occurs) for choosing an article's most
// distinctive terms. Counting a common term exactly means walking a list as long as the archive
// (fts5vocab on SQLite, the GIN index on PostgreSQL; ts_stat reads every tsvector), far too slow
// for each computation at 100,000 articles. So frequencies are counted once over an evenly spread
// sample of about SAMPLE_DOCUMENTS articles, kept in related_term_stats (terms found at least
// twice) and scaled up; only the article's rare terms, whose sampled counts are noise or missing,
// are counted exactly, which is cheap precisely because they are rare. The sample is rebuilt when
// the index has grown or shrunk by REBUILD_DRIFT, checked at most every CHECK_EVERY_MS (every
// minute while the whole archive fits in the sample).

export const SAMPLE_DOCUMENTS = 5_000;
/** Rare terms counted exactly per computation, the most frequent in the source first. */
const EXACT_COUNTS = 48;
/** Below this estimated frequency a sampled count is too noisy to trust. */
const TRUSTED_ESTIMATE = 100;
const REBUILD_DRIFT = 0.1;
const CHECK_EVERY_MS = 3_600_000;
const SMALL_CHECK_EVERY_MS = 60_000;
/**
 * Below this many indexed articles the sample is checked on every computation: a new archive
 * filling up (a seed, an import, the first weeks) is indexed by jobs that run beside the Read
 * more jobs, and a sample taken from its first article would say every term is common for a
 * minute. Rebuilding a sample this small costs a few milliseconds.
 */
const ALWAYS_CHECK_BELOW = 200;
// pg_advisory_xact_lock key for the rebuild ("rela" in ASCII).
const LOCK_KEY = 0x72656c61;

export interface TermSample {
  /** Documents in the index when the sample was taken. */
  documents: number;
  /** Documents in the sample. */
  sampled: number;
}

interface SampleRow extends TermSample {
  computed_at: string;
}

async function readSample(db: Kysely<Database>): Promise<SampleRow | undefined> {
  const { rows } = await sql<SampleRow>`
    SELECT documents, sampled, computed_at FROM related_term_sample WHERE id = 1`.execute(db);
  const row = rows[0];
  return (
    row && { documents: Number(row.documents), sampled: Number(row.sampled), computed_at: row.computed_at }
  );
}

function drifted(recorded: number, now: number): boolean {
  if (recorded < SAMPLE_DOCUMENTS) return now !== recorded;
  return Math.abs(now - recorded) > recorded * REBUILD_DRIFT;
}

/** The current sample, rebuilt first when there is none or it no longer describes the index. */
export async function termSample(db: SearchDb, now = new Date()): Promise<TermSample> {
  const row = await readSample(db.kysely);
  if (row) {
    const age = now.getTime() - Date.parse(row.computed_at);
    const checkEvery =
      row.documents < ALWAYS_CHECK_BELOW
        ? 0
        : row.documents < SAMPLE_DOCUMENTS
          ? SMALL_CHECK_EVERY_MS
          : CHECK_EVERY_MS;
    if (age >= 0 && age < checkEvery) return { documents: row.documents, sampled: row.sampled };
  }
  return refreshTermStats(db, { now });
}

/**
 * Rebuild the sample if it is missing or drifted (always, with `force`). Counting happens outside
 * any transaction (on SQLite, one would hold up every other query of the process meanwhile);
 * replacing the statistics is one transaction. Concurrent rebuilds each write a valid sample.
 */
export async function refreshTermStats(
  db: SearchDb,
  options: { force?: boolean; now?: Date } = {},
): Promise<TermSample> {
  const now = (options.now ?? new Date()).toISOString();
  const index = relatedIndex(db);
  const documents = await index.countDocuments(db.kysely);
  const row = await readSample(db.kysely);
  if (row && !options.force && !drifted(row.documents, documents)) {
    await sql`UPDATE related_term_sample SET computed_at = ${now} WHERE id = 1`.execute(db.kysely);
    return { documents: row.documents, sampled: row.sampled };
  }
  const sample = await index.sampleFrequencies(db.kysely, documents, SAMPLE_DOCUMENTS);
  await db.kysely.transaction().execute(async (trx) => {
    // PostgreSQL: one writer at a time, or two would insert the same terms. SQLite: the first
    // statement writes, so the transaction takes the write lock before reading anything.
    if (db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY}, 1)`.execute(trx);
    await sample.write(trx);
    await sql`
      INSERT INTO related_term_sample (id, documents, sampled, computed_at)
      VALUES (1, ${documents}, ${sample.sampled}, ${now})
      ON CONFLICT (id) DO UPDATE SET documents = excluded.documents, sampled = excluded.sampled,
        computed_at = excluded.computed_at`.execute(trx);
  });
  return { documents, sampled: sample.sampled };
}

/**
 * How many documents the index holds, and in how many of them each term of the source occurs
 * (estimated for common terms, exact for the rare ones that matter most). Terms left out are
 * unknown: rare terms beyond the EXACT_COUNTS most frequent in the source.
 */
export async function documentFrequencies(
  db: SearchDb,
  source: TermVector,
): Promise<{ documents: number; frequencies: Map<string, number> }> {
  const sample = await termSample(db);
  const scale = sample.documents / Math.max(1, sample.sampled);
  const whole = sample.sampled >= sample.documents;
  const terms = [...source.counts.keys()];
  const frequencies = new Map<string, number>();
  for (let i = 0; i < terms.length; i += 500) {
    const part = terms.slice(i, i + 500);
    const { rows } = await sql<{ term: string; sample_df: number }>`
      SELECT term, sample_df FROM related_term_stats WHERE term IN (${sql.join(part)})`.execute(db.kysely);
    for (const r of rows) frequencies.set(r.term, Math.round(Number(r.sample_df) * scale));
  }
  const uncertain = terms
    .filter((t) => {
      const df = frequencies.get(t);
      return df === undefined || (!whole && df < TRUSTED_ESTIMATE);
    })
    .sort((a, b) => source.counts.get(b)! - source.counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, EXACT_COUNTS);
  for (const [term, df] of await relatedIndex(db).exactFrequencies(db.kysely, uncertain)) {
    frequencies.set(term, df);
  }
  return { documents: sample.documents, frequencies };
}
