import { randomUUID } from 'node:crypto';
// Valid inputs for every operation of the two OpenAPI documents, by operationId, for the typed
// client test (test/integration/openapi-clients.test.ts). That test calls every operation the
// document lists and fails, naming the operationId, when one has no example here: a new route
// needs one line (or a few) in the table of its API.
import { cameraJpeg } from './image-fixtures.ts';
import { adminClient, publishArticle, type AdminClient } from './admin-client.ts';
import type { TestApp } from './test-app.ts';
import { staffApiExamples } from './staff-operation-examples.ts';
import { subscriberApiExamples } from './subscriber-operation-examples.ts';

/** One call as openapi-fetch takes it: path and query parameters, and a JSON or multipart body. */
export interface ExampleCall {
  params?: { path?: Record<string, string>; query?: Record<string, string | number | boolean> };
  body?: unknown;
  /**
   * Sent instead of the owner's key: a staff session's cookie and X-CSRF-Token, for the /auth
   * operations (test/support/staff-operation-examples.ts).
   */
  headers?: Record<string, string>;
  /**
   * The operation needs no key or session (signing in, a link, a password reset): it is called
   * without the owner's key, and an anonymous caller is not expected to be refused.
   */
  public?: boolean;
}

export interface ExampleContext {
  t: TestApp;
  /** The Admin API as the owner: to make what an example acts on (it makes its own, so the
   * examples run in any order). */
  admin: AdminClient;
  /** A name no other example used, for slugs and names that must be unique. */
  unique(prefix: string): string;
}

export type OperationExample = (ctx: ExampleContext) => Promise<ExampleCall>;

async function draft(ctx: ExampleContext) {
  const res = await ctx.admin.post<{ article: { id: string; version: number; slug: string } }>('/articles', {
    title: ctx.unique('Example draft'),
    body_html: '<p>The ferry timetable changes on Monday.</p>',
  });
  if (res.status !== 201) throw new Error(`making a draft failed: ${res.status} ${res.text}`);
  return res.body.article;
}

/** A draft edited once: two revisions, newest first. */
async function revised(ctx: ExampleContext) {
  const a = await draft(ctx);
  const edit = await ctx.admin.patch<{ article: { version: number } }>(`/articles/${a.id}`, {
    version: a.version,
    standfirst: 'A second revision.',
  });
  if (edit.status !== 200) throw new Error(`editing failed: ${edit.status} ${edit.text}`);
  const list = await ctx.admin.get<{ revisions: { id: string }[] }>(`/articles/${a.id}/revisions`);
  return { id: a.id, version: edit.body.article.version, revisions: list.body.revisions };
}

const published = (ctx: ExampleContext) => publishArticle(ctx.admin, { title: ctx.unique('Example story') });

async function made<T>(ctx: ExampleContext, path: string, body: unknown, field: string): Promise<T> {
  const res = await ctx.admin.post<Record<string, T>>(path, body);
  if (res.status !== 201) throw new Error(`POST ${path} failed: ${res.status} ${res.text}`);
  return res.body[field]!;
}

const tag = (ctx: ExampleContext) =>
  made<{ id: string }>(ctx, '/tags', { name: ctx.unique('Example tag') }, 'tag');
const author = (ctx: ExampleContext) =>
  made<{ id: string }>(ctx, '/authors', { name: ctx.unique('Example author') }, 'author');

async function photoForm(): Promise<FormData> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(await cameraJpeg(64, 48))], { type: 'image/jpeg' }),
    'dam.jpg',
  );
  form.append('caption', 'The dam at dawn');
  form.append('credit', 'Example / Agency');
  form.append('alt', 'A concrete dam');
  return form;
}

async function uploaded(ctx: ExampleContext): Promise<{ id: string }> {
  const res = await ctx.t.fetch('/api/admin/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${await ctx.t.key('owner')}` },
    body: await photoForm(),
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { media: { id: string } }).media;
}

/** The weekly list's current issue (a draft), through the Admin API. */
async function currentIssue(ctx: ExampleContext): Promise<{ id: string }> {
  const res = await ctx.admin.get<{ issue: { id: string } }>('/newsletters/weekly/current');
  if (res.status !== 200) throw new Error(`current issue failed: ${res.status} ${res.text}`);
  return res.body.issue;
}

/** A breaking issue from a fresh story, queued to send. */
async function breakingIssue(ctx: ExampleContext): Promise<{ id: string }> {
  const story = await published(ctx);
  const res = await ctx.admin.post<{ issue: { id: string } }>('/newsletters/breaking', {
    article_id: story.id,
  });
  if (res.status !== 200) throw new Error(`breaking issue failed: ${res.status} ${res.text}`);
  return res.body.issue;
}

/** The Admin API, called with an owner's key (the /auth operations with a staff session). */
export const adminApiExamples: Record<string, OperationExample> = {
  ...staffApiExamples,
  ...subscriberApiExamples,

  getArticles: async () => ({
    params: { query: { status: 'published', language: 'en', page: 1, limit: 5 } },
  }),
  postArticles: async (ctx) => ({
    body: { title: ctx.unique('Created by a typed client'), body_html: '<p>Text</p>', status: 'draft' },
  }),
  getArticlesId: async (ctx) => ({ params: { path: { id: (await draft(ctx)).id } } }),
  patchArticlesId: async (ctx) => {
    const a = await draft(ctx);
    return { params: { path: { id: a.id } }, body: { version: a.version, standfirst: 'Changed.' } };
  },
  deleteArticlesId: async (ctx) => ({ params: { path: { id: (await draft(ctx)).id } } }),
  postArticlesIdPublish: async (ctx) => ({ params: { path: { id: (await draft(ctx)).id } } }),
  postArticlesIdSchedule: async (ctx) => ({
    params: { path: { id: (await draft(ctx)).id } },
    body: { published_at: new Date(Date.now() + 86_400_000).toISOString() },
  }),
  postArticlesIdUnpublish: async (ctx) => ({ params: { path: { id: (await published(ctx)).id } } }),

  getArticlesIdRevisions: async (ctx) => ({ params: { path: { id: (await draft(ctx)).id } } }),
  getArticlesIdRevisionsRevisionId: async (ctx) => {
    const { id, revisions } = await revised(ctx);
    return { params: { path: { id, revision_id: revisions[0]!.id } } };
  },
  getArticlesIdRevisionsDiff: async (ctx) => {
    const { id, revisions } = await revised(ctx);
    return { params: { path: { id }, query: { from: revisions[1]!.id, to: revisions[0]!.id } } };
  },
  postArticlesIdRevisionsRevisionIdRestore: async (ctx) => {
    const { id, version, revisions } = await revised(ctx);
    return { params: { path: { id, revision_id: revisions[1]!.id } }, body: { version } };
  },
  getArticlesIdPreview: async (ctx) => ({ params: { path: { id: (await draft(ctx)).id } } }),

  getKeys: async () => ({}),
  postKeys: async (ctx) => ({ body: { name: ctx.unique('laptop'), role: 'editor' } }),
  deleteKeysId: async (ctx) => ({
    params: {
      path: {
        id: (await made<{ id: string }>(ctx, '/keys', { name: ctx.unique('old'), role: 'author' }, 'api_key'))
          .id,
      },
    },
  }),

  getAudit: async () => ({ params: { query: { limit: 5 } } }),
  getAuditCsv: async () => ({ params: { query: { object_type: 'article' } } }),

  getRedirects: async () => ({ params: { query: { q: 'old', limit: 5 } } }),
  putRedirects: async (ctx) => ({
    body: { path: `/old/${ctx.unique('page')}/`, target: '/articles/new-home' },
  }),
  deleteRedirects: async (ctx) => {
    const path = `/gone/${ctx.unique('page')}`;
    const res = await ctx.admin.put('/redirects', { path, target: '/' });
    if (res.status !== 200) throw new Error(`making a redirect failed: ${res.status} ${res.text}`);
    return { params: { query: { path } } };
  },
  getRedirectsCsv: async () => ({}),

  getTags: async () => ({}),
  postTags: async (ctx) => ({ body: { name: ctx.unique('Typed tag'), is_section: false } }),
  patchTagsId: async (ctx) => ({
    params: { path: { id: (await tag(ctx)).id } },
    body: { description: 'Now described.' },
  }),
  deleteTagsId: async (ctx) => ({ params: { path: { id: (await tag(ctx)).id } } }),

  getAuthors: async () => ({}),
  postAuthors: async (ctx) => ({
    body: { name: ctx.unique('Typed pen name'), is_pen_name: true, real_name: 'Someone Real' },
  }),
  patchAuthorsId: async (ctx) => ({
    params: { path: { id: (await author(ctx)).id } },
    body: { bio: 'Writes.' },
  }),
  getAuthorsIdRealName: async (ctx) => ({
    params: {
      path: {
        id: (
          await made<{ id: string }>(
            ctx,
            '/authors',
            { name: ctx.unique('Veiled'), is_pen_name: true, real_name: 'Someone Real' },
            'author',
          )
        ).id,
      },
    },
  }),
  deleteAuthorsId: async (ctx) => ({ params: { path: { id: (await author(ctx)).id } } }),

  postMedia: async () => ({ body: await photoForm() }),
  getMedia: async () => ({ params: { query: { page: 1, limit: 3 } } }),
  getMediaId: async (ctx) => ({ params: { path: { id: (await uploaded(ctx)).id } } }),
  patchMediaId: async (ctx) => ({
    params: { path: { id: (await uploaded(ctx)).id } },
    body: { caption: 'Recaptioned' },
  }),
  deleteMediaId: async (ctx) => ({ params: { path: { id: (await uploaded(ctx)).id } } }),

  getSettings: async () => ({}),
  patchSettings: async () => ({
    body: {
      accent_color: '#1d4ed8',
      features: { support: false },
      time_zone: 'Europe/Riga',
      languages: ['ru'],
    },
  }),

  getAppeal: async () => ({}),
  patchAppeal: async () => ({
    body: {
      views_before_dialog: 4,
      letter: { en: 'Dear reader,\n\nWe need you.' },
      variants: [
        { id: 'control', weight: 1 },
        {
          id: 'short-letter',
          weight: 1,
          letter: { en: 'Help us keep reporting.' },
          amounts: { USD: { monthly: [300, 700] } },
        },
      ],
    },
  }),
  getAppealStats: async () => ({ params: { query: { days: 7 } } }),
  getNewslettersIssues: async () => ({ params: { query: {} } }),
  getNewslettersSlugCurrent: async () => ({ params: { path: { slug: 'weekly' } } }),
  getNewslettersIssuesId: async (ctx) => ({ params: { path: { id: (await currentIssue(ctx)).id } } }),
  patchNewslettersIssuesId: async (ctx) => {
    const story = await published(ctx);
    return {
      params: { path: { id: (await currentIssue(ctx)).id } },
      body: { intro: 'This week: the ferry.', add: [story.id] },
    };
  },
  postNewslettersIssuesIdSend: async (ctx) => ({ params: { path: { id: (await breakingIssue(ctx)).id } } }),
  postNewslettersBreaking: async (ctx) => ({ body: { article_id: (await published(ctx)).id } }),
  getNewslettersIssuesIdProgress: async (ctx) => ({
    params: { path: { id: (await breakingIssue(ctx)).id } },
  }),

  getFrontPage: async () => ({}),
  putFrontPage: async (ctx) => {
    const lead = await published(ctx);
    return {
      body: {
        lead: lead.id,
        featured: [(await published(ctx)).id],
        breaking: {
          text: 'Polls close at eight',
          article_id: lead.id,
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        },
      },
    };
  },

  getDonations: async () => ({ params: { query: { status: 'completed', page: 1, limit: 5 } } }),
  getDonationsCsv: async () => ({ params: { query: { rail: 'test' } } }),
  getDonationsSummary: async () => ({ params: { query: { include_test: 'false' } } }),
  getSupporters: async () => ({ params: { query: { status: 'active', limit: 5 } } }),
  getDonationsRules: async () => ({}),
  putDonationsRules: async () => ({
    body: {
      currencies: [
        {
          code: 'EUR',
          minimum_minor: 200,
          maximum_minor: 500_000,
          suggested: { once: [5, 10, 25], monthly: [2, 5, 10], annual: [24, 60, 120] },
        },
      ],
      default_currency: 'EUR',
    },
  }),
  postDonationsIdReceived: async (ctx) => ({ params: { path: { id: await pendingBankTransfer(ctx) } } }),
};

/** A bank transfer waiting for its money, as the bank rail leaves one. */
async function pendingBankTransfer(ctx: ExampleContext): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  await ctx.t.services.db.kysely
    .insertInto('donations')
    .values({
      id,
      donor_id: null,
      plan_id: null,
      rail: 'bank',
      checkout_ref: `SZ-${id.slice(0, 4).toUpperCase()}-TEST`,
      invoice_ref: null,
      payment_ref: null,
      amount_minor: 4000,
      currency: 'EUR',
      frequency: 'once',
      status: 'pending',
      variant: '',
      source: '',
      test: 0,
      created_at: at,
      completed_at: null,
      updated_at: at,
    })
    .execute();
  return id;
}

/** The Content API: public, no key. */
export const contentApiExamples: Record<string, OperationExample> = {
  getArticles: async () => ({ params: { query: { language: 'en', page: 1, limit: 3 } } }),
  getArticlesSlug: async (ctx) => ({ params: { path: { slug: (await published(ctx)).slug } } }),
  getTags: async () => ({}),
  getAuthors: async () => ({}),
};

export function exampleContext(t: TestApp, ownerKey: string): ExampleContext {
  let n = 0;
  return {
    t,
    admin: adminClient(t, ownerKey),
    unique: (prefix) => `${prefix} ${++n}`,
  };
}
