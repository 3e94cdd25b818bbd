import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

// Each newly published article goes to the channel once, through the job queue, against a
// stand-in of the Bot API on 127.0.0.1 that records every call and can answer 429, 500 or 400.

interface Call {
  method: string;
  contentType: string;
  body: string;
}

const TOKEN = '123456:TEST-token_abcdefghijklmnop';

describe.each(testDatabases)('Telegram channel posts on %s', (dialect) => {
  const calls: Call[] = [];
  /** Answers to give before the normal ones, in order. */
  const queued: Array<{ status: number; body: unknown }> = [];
  let nextMessage = 100;
  let server: Server;
  let t: SiteTestApp;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').replace(`/bot${TOKEN}/`, '');
        calls.push({
          method,
          contentType: req.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('latin1'),
        });
        const answer = queued.shift() ?? {
          status: 200,
          body: { ok: true, result: method.startsWith('send') ? { message_id: nextMessage++ } : true },
        };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    t = await startSiteTestApp(dialect, {
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_CHAT_ID: '@ilmara_news',
        TELEGRAM_API_URL: `http://127.0.0.1:${port}`,
      },
    });
    // The demo seed's articles were posted as it published them (a new site with Telegram set).
    calls.length = 0;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((done) => server.close(() => done()));
  });
  afterEach(() => {
    calls.length = 0;
    queued.length = 0;
  });

  const run = () => t.services.jobs.runUntilIdle!();
  const row = (articleId: string) =>
    t.services.db.kysely
      .selectFrom('telegram_posts')
      .selectAll()
      .where('article_id', '=', articleId)
      .executeTakeFirst();
  const heroOfDemo = async () => {
    const { items } = await t.services.articles.list(
      { limit: 20 },
      { readerVisible: true },
      { count: false },
    );
    return items.find((a) => a.heroMediaId)!.heroMediaId!;
  };

  it('posts nothing for articles already published, nor for a draft', async () => {
    const { items } = await t.services.articles.list({ limit: 1 }, { readerVisible: true }, { count: false });
    await t.services.articles.update(systemActor, items[0]!.id, {
      body_html: '<p>Edited.</p>',
      version: items[0]!.version,
    });
    await run();
    expect(calls).toEqual([]);
    await t.services.articles.create(systemActor, { title: 'A draft', body_html: '<p>x</p>' });
    await run();
    expect(calls).toEqual([]);
  });

  it('posts a new article with its hero once (sendPhoto, multipart), edits the caption, deletes on unpublish', async () => {
    const hero = await heroOfDemo();
    const article = await t.services.articles.create(systemActor, {
      title: 'Dam <breach> & floods',
      standfirst: 'Villages downstream were evacuated overnight.',
      body_html: '<p>Text.</p>',
      hero_media_id: hero,
      status: 'published',
    });
    await run();
    await run();
    expect(calls.map((c) => c.method)).toEqual(['sendPhoto']);
    const photo = calls[0]!;
    expect(photo.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(photo.body).toContain('name="chat_id"\r\n\r\n@ilmara_news');
    const has = (text: string) => expect(photo.body.replace(/\r\n/g, '\n').includes(text), text).toBe(true);
    has('<b>Dam &lt;breach&gt; &amp; floods</b>\n\nVillages downstream were evacuated overnight.');
    has(`https://news.example/articles/${article.slug}`);
    expect(photo.body.slice(0, 2000)).toMatch(
      /name="photo"; filename="[^"]+\.(jpg|png)"\r\nContent-Type: image\/(jpeg|png)/,
    );
    const stored = await row(article.id);
    expect(stored).toMatchObject({ kind: 'photo', chat_id: '@ilmara_news' });

    calls.length = 0;
    // An edit that changes nothing readers see in the post sends nothing.
    const version = async () => (await t.services.articles.get(article.id)).version;
    await t.services.articles.update(systemActor, article.id, {
      body_html: '<p>Longer text.</p>',
      version: await version(),
    });
    await run();
    expect(calls).toEqual([]);
    await t.services.articles.update(systemActor, article.id, {
      title: 'Dam breach: floods reach the town',
      version: await version(),
    });
    await run();
    expect(calls.map((c) => c.method)).toEqual(['editMessageCaption']);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({
      chat_id: '@ilmara_news',
      message_id: Number(stored!.message_id),
      parse_mode: 'HTML',
    });
    expect(JSON.parse(calls[0]!.body).caption).toContain('<b>Dam breach: floods reach the town</b>');

    calls.length = 0;
    await t.services.articles.unpublish(systemActor, article.id);
    await run();
    expect(calls.map((c) => c.method)).toEqual(['deleteMessage']);
    expect(await row(article.id)).toBeUndefined();
  });

  it('sends a message when there is no photo; edits its text', async () => {
    const article = await t.services.articles.create(systemActor, {
      title: 'Short news',
      body_html: '<p>x</p>',
      status: 'published',
    });
    await run();
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ chat_id: '@ilmara_news', parse_mode: 'HTML' });
    await t.services.articles.update(systemActor, article.id, {
      standfirst: 'Now with a standfirst.',
      version: (await t.services.articles.get(article.id)).version,
    });
    await run();
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'editMessageText']);
  });

  // Reads and rewinds the embedded queue's own table (SQLite's backend); on PostgreSQL the jobs run
  // in graphile-worker, whose retry schedule is its own.
  it.runIf(dialect === 'sqlite')(
    'honours 429 retry_after, retries a 500 with backoff, never posts twice',
    async () => {
      queued.push({
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 0',
          parameters: { retry_after: 0 },
        },
      });
      queued.push({ status: 500, body: { ok: false, description: 'Internal Server Error' } });
      const article = await t.services.articles.create(systemActor, {
        title: 'Busy day',
        body_html: '<p>x</p>',
        status: 'published',
      });
      await run();
      // 429: put back at retry_after (0 s) and run again; then 500: a failed attempt, retried later.
      expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage']);
      expect(await row(article.id)).toBeUndefined();
      const job = await t.services.db.kysely
        .selectFrom('jobs')
        .selectAll()
        .where('job_key', '=', `telegram:${article.id}`)
        .executeTakeFirstOrThrow();
      expect(job.attempts).toBe(1);
      expect(job.last_error).toContain('answered 500');
      expect(job.last_error).not.toContain(TOKEN);
      // The backoff is over.
      await t.services.db.kysely
        .updateTable('jobs')
        .set({ run_at: new Date(0).toISOString() })
        .where('id', '=', job.id)
        .execute();
      await run();
      await run();
      expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage', 'sendMessage']);
      expect(await row(article.id)).toMatchObject({ kind: 'text' });
    },
  );

  it('a 4xx refusal is not retried and leaves nothing half-done', async () => {
    queued.push({ status: 400, body: { ok: false, description: 'Bad Request: chat not found' } });
    const article = await t.services.articles.create(systemActor, {
      title: 'Nowhere',
      body_html: '<p>x</p>',
      status: 'published',
    });
    await run();
    await run();
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(await row(article.id)).toBeUndefined();
    expect(
      await t.services.db.kysely
        .selectFrom('jobs')
        .selectAll()
        .where('job_key', '=', `telegram:${article.id}`)
        .execute(),
    ).toEqual([]);
  });
});

describe('Telegram unset', () => {
  it('registers no job and sends nothing', async () => {
    const t = await startSiteTestApp('sqlite', { seed: false });
    try {
      await t.services.articles.create(systemActor, {
        title: 'Quiet',
        body_html: '<p>x</p>',
        status: 'published',
      });
      const jobs = await t.services.db.kysely.selectFrom('jobs').select('task').execute();
      expect(jobs.map((j) => j.task)).not.toContain('telegram.sync-article');
    } finally {
      await t.close();
    }
  });
});
