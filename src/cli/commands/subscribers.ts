import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { Services } from '../../container.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  exportSubscribers,
  importSubscribers,
  type ImportRecord,
  type ImportReport,
} from '../../modules/subscribers/index.ts';
import { boot } from '../boot.ts';
import type { Command } from '../command.ts';
import { CliError } from '../command.ts';
import { createProgress, type Progress } from '../progress.ts';

const usage = `Usage:
  samizdat subscribers import FILE.csv --newsletter SLUG   add readers to a newsletter
  samizdat subscribers export [--out FILE]                  every subscriber as CSV (stdout by default)

The import file's first line names its columns: email (required), name, language. Each reader
is recorded as confirmed, with consent basis "imported"; rows that cannot be imported are listed
with their line numbers and the rest are imported. Addresses already on the list are left as they
are, so the same file can be imported twice; suppressed addresses are never added back.
Exits 1 when some rows were refused (the others are imported).

Needs an existing site: run where its DATA_DIR (or DATABASE_URL) points.`;

/** How many lines a file has (for the progress count), read in chunks. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) lines += 1;
  }
  return lines;
}

async function* csvRecords(file: string): AsyncGenerator<ImportRecord> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    yield { line: info.lines, fields: record };
  }
}

/** `subscribers import`: what the command does, given the services (tests call it directly). */
export async function importSubscribersFile(
  services: Pick<Services, 'db' | 'keys' | 'subscribers' | 'config'>,
  file: string,
  newsletter: string,
  progress: Progress,
): Promise<ImportReport> {
  const total = Math.max(0, (await countLines(file)) - 1);
  const report = await importSubscribers(
    { db: services.db, keys: services.keys, privacy: services.subscribers.privacy },
    {
      listSlug: newsletter,
      records: csvRecords(file),
      defaultLanguage: services.config.DEFAULT_LANGUAGE,
      source: 'import',
      onRecord: (done) => {
        if (done % 500 === 0 || done === total) progress.count('Imported rows', done, total);
      },
    },
  );
  progress.line(
    `Added ${report.added}, subscribed ${report.subscribed} known, left ${report.unchanged} as they were, refused ${report.refused.length}.`,
  );
  for (const r of report.refused) progress.line(`  line ${r.line}: ${r.reason}`);
  return report;
}

/** `subscribers export`: writes every subscriber as CSV to `out`; answers how many. */
export async function exportSubscribersCsv(
  services: Pick<Services, 'db' | 'keys'>,
  out: NodeJS.WritableStream,
): Promise<number> {
  const csv = stringify({
    header: true,
    columns: ['email', 'name', 'language', 'status', 'lists', 'created_at', 'confirmed_at'],
  });
  csv.pipe(out);
  let n = 0;
  for await (const row of exportSubscribers({ db: services.db, keys: services.keys })) {
    if (!csv.write(row)) await once(csv, 'drain');
    n += 1;
  }
  csv.end();
  await finished(csv);
  return n;
}

export const subscribersCommand: Command = {
  name: 'subscribers',
  summary: 'Import newsletter subscribers from CSV, or export them',
  usage,
  options: { newsletter: { type: 'string' }, out: { type: 'string' } },
  async run({ values, positionals }) {
    const [action, file] = positionals;
    if (action === 'import') {
      if (!file || typeof values.newsletter !== 'string') throw new CliError(usage, 2);
    } else if (action !== 'export') throw new CliError(usage, 2);
    const services = await boot();
    try {
      if (action === 'import') {
        const report = await importSubscribersFile(
          services,
          file!,
          values.newsletter as string,
          createProgress(),
        );
        return report.refused.length > 0 ? 1 : 0;
      }
      const target =
        typeof values.out === 'string' ? createWriteStream(values.out, { mode: 0o600 }) : process.stdout;
      const n = await exportSubscribersCsv(services, target);
      if (target !== process.stdout) {
        await finished(target);
        console.error(`Exported ${n} subscribers to ${values.out}.`);
      }
      return 0;
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(err.message);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new CliError(`cannot read ${file}: no such file`);
      throw err;
    } finally {
      await services.close();
    }
  },
};
