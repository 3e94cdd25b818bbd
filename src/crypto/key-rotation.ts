import type { Db } from '../db/connect.ts';
import { toCount } from '../lib/count.ts';
import { iso, systemClock, type Clock } from '../lib/time.ts';
import { KeyError } from './key-error.ts';
import { openKeys } from './key-guard.ts';
import { keyMeta, type RotationState } from './key-meta.ts';
import { PROTECTED_COLUMNS, PROTECTED_TABLES } from './protected-data.ts';
import { lookupHash, open, seal } from './sealed-box.ts';
import {
  deriveKeys,
  keyFilePath,
  keyFingerprint,
  newKeyFile,
  readKeyFile,
  renameKeyFile,
  writeKeyFile,
  type KeyFile,
  type Keys,
} from './secret-key.ts';

export interface RotationOptions {
  configuredFile: string | undefined;
  dataDir: string;
  /** Rows re-sealed per transaction (each commits with the progress marker). */
  batchSize?: number;
  /** Called after each committed batch with the rows done so far (tests stop a rotation here). */
  afterBatch?: (done: number) => void | Promise<void>;
  now?: Clock;
}

export interface RotationReport {
  from: string;
  to: string;
  /** True when this run finished a rotation an earlier run started. */
  resumed: boolean;
  /** Rows re-sealed, by table, in this run. */
  resealed: Record<string, number>;
  /** Active API keys, which keep working through the previous hashing key. */
  apiKeys: number;
  setupTokensExpired: number;
  file: string;
}

/**
 * Replaces the secret key: writes the new key to `<key file>.new`, re-seals every protected row
 * under it (a batch per transaction, each committing the progress marker with it, so a run that
 * is killed resumes where it stopped), and only when every row is done renames the new file over
 * the old one and records the new fingerprint. The new file keeps the old hashing subkey (never
 * the old encryption key), so API keys made before keep working; see PROTECTED_COLUMNS.
 */
export async function rotateKey(db: Db, options: RotationOptions): Promise<RotationReport> {
  const file = keyFilePath(options.configuredFile, options.dataDir);
  const newFile = `${file}.new`;
  const now = options.now ?? systemClock;
  let state = await keyMeta.rotation(db.kysely);
  const resumed = !!state;
  const current = readKeyFile(file);
  if (!current)
    throw new KeyError(`${file} is missing; restore the key file from your backup before rotating`);

  let next: KeyFile;
  if (state) {
    const at = keyFingerprint(current.master);
    if (at === state.to)
      return finish(db, state, {
        file,
        resumed,
        resealed: {},
        apiKeys: await activeApiKeys(db),
        setupTokensExpired: 0,
      });
    if (at !== state.from) {
      throw new KeyError(
        `${file} holds key fingerprint ${at} but the unfinished rotation started from ${state.from}; restore that key file`,
      );
    }
    const found = readKeyFile(newFile);
    if (!found || keyFingerprint(found.master) !== state.to) {
      throw new KeyError(
        `${newFile} is ${found ? 'not the key' : 'missing, but it is the key'} ${state.done} rows are already sealed with (fingerprint ${state.to}); restore it to finish the rotation`,
      );
    }
    next = found;
  } else {
    await openKeys(db, options); // the current key must be the database's
    next = newKeyFile(current);
    // Written (and flushed) before any row uses it; a leftover from a run that died before
    // recording its state protects nothing and is replaced.
    writeKeyFile(newFile, next);
    state = {
      from: keyFingerprint(current.master),
      to: keyFingerprint(next.master),
      table: 0,
      after: null,
      done: 0,
    };
    await keyMeta.setRotation(db.kysely, state);
  }

  const from = deriveKeys(current.master);
  const to = deriveKeys(next.master, next.previousHashing);
  const resealed: Record<string, number> = {};
  for (let t = state.table; t < PROTECTED_TABLES.length; t++) {
    const table = PROTECTED_TABLES[t]!;
    if (t !== state.table) state = { ...state, table: t, after: null };
    for (;;) {
      const batch = await resealBatch(db, table, state, from, to, options.batchSize ?? 100);
      if (!batch) break;
      resealed[table] = (resealed[table] ?? 0) + batch.done - state.done;
      state = batch;
      await options.afterBatch?.(state.done);
    }
  }
  // Setup links are short-lived and cannot be re-hashed: the next `serve` issues a fresh one.
  const expired = await db.kysely
    .updateTable('setup_tokens')
    .set({ expires_at: iso(now()) })
    .where('used_at', 'is', null)
    .where('expires_at', '>', iso(now()))
    .executeTakeFirst();
  renameKeyFile(newFile, file);
  return finish(db, state, {
    file,
    resumed,
    resealed,
    apiKeys: await activeApiKeys(db),
    setupTokensExpired: Number(expired.numUpdatedRows),
  });
}

/** The new key is in place: record its fingerprint and end the rotation, in one transaction. */
async function finish(
  db: Db,
  state: RotationState,
  report: Omit<RotationReport, 'from' | 'to'>,
): Promise<RotationReport> {
  await db.kysely.transaction().execute(async (trx) => {
    await keyMeta.setFingerprint(trx, state.to);
    await keyMeta.clearRotation(trx);
  });
  return { from: state.from, to: state.to, ...report };
}

async function activeApiKeys(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/**
 * Re-seals the next rows of `table` after `state.after` and moves the marker past them, in one
 * transaction; undefined when the table is done.
 */
async function resealBatch(
  db: Db,
  table: (typeof PROTECTED_TABLES)[number],
  state: RotationState,
  from: Keys,
  to: Keys,
  size: number,
): Promise<RotationState | undefined> {
  const specs = PROTECTED_COLUMNS.filter((c) => c.table === table && c.kind !== 'hashed');
  if (specs.length === 0) return undefined;
  return db.kysely.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom(table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .select(['id', ...specs.map((s) => s.column)] as any)
      .orderBy('id')
      .limit(size);
    if (state.after !== null) query = query.where('id', '>', state.after);
    const rows = (await query.execute()) as Array<Record<string, string | null>>;
    if (rows.length === 0) return undefined;
    for (const row of rows) {
      const patch: Record<string, string | null> = {};
      for (const spec of specs) {
        if (spec.kind === 'sealed') {
          const value = row[spec.column];
          if (value)
            patch[spec.column] = seal(
              to.encryption,
              openWithEither(value, from, to, `${table}.${spec.column}`),
            );
        } else if (spec.kind === 'hashOf') {
          const source = row[spec.of];
          if (source && row[spec.column]) {
            patch[spec.column] = lookupHash(
              to.hashing,
              openWithEither(source, from, to, `${table}.${spec.of}`),
            );
          }
        }
      }
      if (Object.keys(patch).length > 0) {
        await trx
          .updateTable(table)
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          .set(patch as any)
          .where('id', '=', row.id!)
          .execute();
      }
    }
    const next = { ...state, after: rows.at(-1)!.id!, done: state.done + rows.length };
    await keyMeta.setRotation(trx, next);
    return next;
  });
}

function openWithEither(sealed: string, from: Keys, to: Keys, where: string): string {
  try {
    return open(from.encryption, sealed);
  } catch {
    try {
      return open(to.encryption, sealed);
    } catch {
      throw new KeyError(
        `a value in ${where} opens with neither the old nor the new key; nothing was changed in its batch`,
      );
    }
  }
}
