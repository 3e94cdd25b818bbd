import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';
import type { JobBackend } from './job-backends.ts';

export interface StoredJob {
  task: string;
  key: string | null;
  runAt: Date;
  attempts: number;
  lastError: string | null;
}

/**
 * Jobs not yet finished (pending, running, or failed and due for a retry), as the backend stores
 * them: read from its tables, so a test sees what a restarted process would find.
 */
export async function storedJobs(db: Db, backend: JobBackend): Promise<StoredJob[]> {
  if (backend === 'embedded') {
    const rows = await db.kysely
      .selectFrom('jobs')
      .selectAll()
      .whereRef('attempts', '<', 'max_attempts')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      task: r.task,
      key: r.job_key,
      runAt: new Date(r.run_at),
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }
  const schema = graphileSchema(db);
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass(${`${schema}._private_jobs`})::text as t`.execute(db.kysely);
  if (!exists.rows[0]?.t) return [];
  const { rows } = await sql<{
    task: string;
    key: string | null;
    run_at: Date;
    attempts: number;
    last_error: string | null;
  }>`
    select t.identifier as task, j.key, j.run_at, j.attempts, j.last_error
    from ${sql.id(schema, '_private_jobs')} j join ${sql.id(schema, '_private_tasks')} t on t.id = j.task_id
    where j.attempts < j.max_attempts order by j.id`.execute(db.kysely);
  return rows.map((r) => ({
    task: r.task,
    key: r.key,
    runAt: new Date(r.run_at),
    attempts: r.attempts,
    lastError: r.last_error,
  }));
}

/** Make every stored job due now (a retry's backoff or a future run_at has passed). */
export async function makeJobsDue(db: Db, backend: JobBackend): Promise<void> {
  if (backend === 'embedded') {
    await db.kysely
      .updateTable('jobs')
      .set({ run_at: new Date(0).toISOString() })
      .execute();
    return;
  }
  await sql`update ${sql.id(graphileSchema(db), '_private_jobs')} set run_at = now() - interval '1 second'`.execute(
    db.kysely,
  );
}

/** Where the graphile-worker queue keeps its tables for this test database (see GraphileJobQueue). */
function graphileSchema(db: Db): string {
  return db.schema ? `${db.schema}_jobs` : 'graphile_worker';
}
