// Search on SQLite at newsroom scale: index 20,000 synthetic articles one by one (as the app does
// on every save), then measure queries per second. Run alone with `npx tsx bench/search.bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { indexArticle, searchArticles } from '../src/modules/search/index.ts';
import { snippetHtml } from '../src/modules/site/views/snippet-html.ts';
import {
  syntheticArticleRow,
  syntheticArticles,
  syntheticQueries,
} from '../test/support/synthetic-articles.ts';

const ARTICLES = 20_000;
const QUERIES = { broad: 300, narrow: 2_000 };

export async function benchSearch(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-search-bench-'));
  const db = await connect({ url: join(dir, 'bench.sqlite') });
  try {
    await migrateToLatest(db);
    const articles = syntheticArticles(ARTICLES, { bodyWords: 300 });
    await db.kysely.transaction().execute(async (trx) => {
      for (const a of articles) {
        await trx.insertInto('articles').values(syntheticArticleRow(a)).execute();
      }
    });

    let started = performance.now();
    for (const a of articles) await indexArticle(db, a);
    const indexSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    for (const a of articles.slice(0, 1_000)) await indexArticle(db, { ...a, title: `${a.title} updated` });
    const reindexPerSecond = 1_000 / ((performance.now() - started) / 1000);

    const rates: Record<string, number> = {};
    for (const kind of ['broad', 'narrow'] as const) {
      const queries = syntheticQueries(QUERIES[kind], kind);
      let hits = 0;
      started = performance.now();
      for (const q of queries) hits += (await searchArticles(db, { q, limit: 20, offset: 0 })).total;
      rates[`${kind}QueriesPerSecond`] = round(queries.length / ((performance.now() - started) / 1000));
      rates[`${kind}MeanTotal`] = round(hits / queries.length);
      started = performance.now();
      for (const q of queries) await searchArticles(db, { q, limit: 20, offset: 0, prefix: true });
      rates[`${kind}PrefixQueriesPerSecond`] = round(queries.length / ((performance.now() - started) / 1000));
    }

    const queries = syntheticQueries(1_000, 'narrow');
    started = performance.now();
    for (let i = 0; i < queries.length; i++) {
      const a = articles[i % articles.length]!;
      snippetHtml(a.bodyText, queries[i]!, a.language);
    }
    const snippetsPerSecond = queries.length / ((performance.now() - started) / 1000);

    return {
      articles: ARTICLES,
      indexSeconds: round(indexSeconds),
      indexedPerSecond: round(ARTICLES / indexSeconds),
      reindexPerSecond: round(reindexPerSecond),
      ...rates,
      snippetsPerSecond: round(snippetsPerSecond),
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchSearch(), null, 2));
}
