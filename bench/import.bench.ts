// `npm run bench -- import`: a synthetic WordPress export of IMPORT_BENCH_POSTS posts (default
// 100,000; no images), written to a temporary file a post at a time, imported on SQLite and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL, each import in a child process that
// runs as `samizdat import` does (import-child.mjs). Reports posts per second, posts per CPU second
// of the import process, its RSS at 10%, 50% and 100% of the posts (the file is streamed, so memory
// should stay flat) and its peak RSS (the kernel's high-water mark). IMPORT_BENCH_TRACE=1: the
// child prints its memory every 5% of the posts.
// IMPORT_BENCH_DATABASES=sqlite or =postgres runs one database only. Run alone with
// `npx tsx bench/import.bench.ts`.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WEB_PROCESS_NODE_FLAGS } from '../src/cli/web-cluster.ts';
import { wxrHead, wxrItem, WXR_TAIL } from '../test/support/wxr-fixtures.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';

const POSTS = Number(process.env.IMPORT_BENCH_POSTS ?? 100_000);
const SITE = 'https://old.example';

async function writeExport(file: string, posts: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    wxrHead(SITE, {
      authors: [
        { login: 'jane', name: 'Jane Roe' },
        { login: 'ivan', name: 'Ivan Petrov' },
      ],
    }),
  );
  for (let i = 1; i <= posts; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    await write(
      wxrItem(SITE, {
        id: i,
        title: `Report number ${i} from the valley`,
        slug: `report-${i}`,
        date: `2015-03-${day} 10:00:00`,
        creator: i % 2 ? 'jane' : 'ivan',
        categories: [
          { domain: 'category', nicename: `section-${i % 8}`, name: `Section ${i % 8}` },
          { domain: 'post_tag', nicename: `tag-${i % 50}`, name: `Tag ${i % 50}` },
        ],
        content: `<!-- wp:paragraph --><p>Paragraph one of report ${i}, about water and roads.</p><!-- /wp:paragraph -->\n\nSecond paragraph with a [caption]no image here[/caption] and <strong>bold</strong> words.\n\nThird paragraph, longer, so the body is the size of a short news item: ${'words '.repeat(60)}`,
        comments: i % 3,
      }),
    );
  }
  await write(WXR_TAIL);
  out.end();
  await once(out, 'finish');
}

/**
 * One import in a child process that runs as `samizdat import` does (import-child.mjs): the
 * figures are the import's own, not those of this process, which wrote the export.
 */
async function run(dialect: 'sqlite' | 'postgres', file: string): Promise<Record<string, number>> {
  const { url, schema, drop } = await benchDb(dialect);
  try {
    const child = spawn(
      process.execPath,
      [
        // IMPORT_BENCH_V8_DEFAULTS=1: without bin/samizdat.js's flags, to see what they save;
        // IMPORT_BENCH_NODE_FLAGS="--max-semi-space-size=8 ...": other flags instead.
        ...(process.env.IMPORT_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ??
          (process.env.IMPORT_BENCH_V8_DEFAULTS ? [] : WEB_PROCESS_NODE_FLAGS)),
        fileURLToPath(new URL('./import-child.mjs', import.meta.url)),
        url,
        schema ?? '',
        file,
        String(POSTS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the import process exited with ${code}: ${out}`);
    const f = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string | null>;
    if (f.imported !== POSTS) throw new Error(`imported ${f.imported} of ${POSTS}: ${f.firstError}`);
    const seconds = f.seconds as number;
    const cpuSeconds = f.cpuSeconds as number;
    const figures: Record<string, number> = {
      [`${dialect}: posts`]: POSTS,
      [`${dialect}: seconds`]: round(seconds),
      [`${dialect}: posts/s`]: round(POSTS / seconds),
      // The import process's own CPU time: on a shared machine, wall-clock speed says more about
      // the other tenants than about the import (PostgreSQL's own work is not in it).
      [`${dialect}: CPU seconds (import process)`]: round(cpuSeconds),
      [`${dialect}: posts per CPU second`]: round(POSTS / cpuSeconds),
    };
    for (const key of [
      'RSS MB before',
      'RSS MB at 10%',
      'RSS MB at 50%',
      'RSS MB at 100%',
      'peak RSS MB',
      'load 1 min at end',
    ])
      if (typeof f[key] === 'number') figures[`${dialect}: ${key}`] = f[key];
    return figures;
  } finally {
    await drop();
  }
}

export async function benchImport(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-wxr-'));
  const file = join(dir, 'export.xml');
  try {
    await writeExport(file, POSTS);
    const figures: Record<string, number> = { 'export MB': round(statSync(file).size / 1024 / 1024) };
    // IMPORT_BENCH_DATABASES=postgres (or sqlite) runs one of them only.
    const only = process.env.IMPORT_BENCH_DATABASES;
    if (!only || only.includes('sqlite')) Object.assign(figures, await run('sqlite', file));
    if (benchPostgresUrl && (!only || only.includes('postgres')))
      Object.assign(figures, await run('postgres', file));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchImport());
