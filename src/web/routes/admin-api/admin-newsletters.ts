import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { ConflictError, NotFoundError } from '../../../domain/errors.ts';
import { NewsletterError } from '../../../modules/newsletters/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';

// Newsletter issues: the current issue of each list, editing it, sending it (now, or a breaking
// issue from one article) and the progress of a send. Who may do what is decided by the
// operations: editors edit issues, admins send.

const issueSchema = z.object({
  id: z.string(),
  newsletter_id: z.string(),
  number: z.number(),
  slug: z.string(),
  kind: z.enum(['digest', 'breaking']),
  status: z.enum(['draft', 'sending', 'sent']),
  subject: z.string(),
  intro: z.string(),
  language: z.string().nullable(),
  scheduled_for: z.string().nullable(),
  sent_at: z.string().nullable(),
  archive_url: z.string(),
  articles: z.array(z.object({ id: z.string(), title: z.string(), standfirst: z.string() })),
});
const issueAnswer = z.object({ issue: issueSchema });
const progressSchema = z.object({
  status: z.enum(['not_started', 'running', 'done']),
  total: z.number(),
  accepted: z.number(),
  failed: z.number(),
  deferred: z.number(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
const id = z.object({ id: z.string().min(1).max(64) });
const articleIds = z.array(z.string().min(1).max(64)).max(100);

function domainError(err: unknown): never {
  if (err instanceof NewsletterError) {
    if (err.code === 'not_found') throw new NotFoundError('newsletter issue', err.message);
    throw new ConflictError(err.message, { reason: err.code });
  }
  throw err;
}

export function adminNewsletterRoutes(services: Pick<Services, 'newsletters'>): AnyApiRoute[] {
  const { newsletters } = services;
  type Row = NonNullable<Awaited<ReturnType<typeof newsletters.getIssue>>>;
  const present = async (row: Row) => ({
    id: row.id,
    newsletter_id: row.newsletter_id,
    number: row.number,
    slug: row.slug,
    kind: row.kind,
    status: row.status,
    subject: row.subject,
    intro: row.intro,
    language: row.language,
    scheduled_for: row.scheduled_for,
    sent_at: row.sent_at,
    archive_url: newsletters.archiveUrl(row),
    articles: (await newsletters.articlesOf(row.id)).map((a) => ({
      id: a.id,
      title: a.title,
      standfirst: a.standfirst,
    })),
  });
  return [
    apiRoute({
      method: 'GET',
      url: '/newsletters/issues',
      tag: 'newsletters',
      summary: 'Issues of every list (or of one), newest first',
      permission: 'articles.others',
      query: z.object({ newsletter_id: z.string().min(1).max(64).optional() }),
      response: z.object({ issues: z.array(issueSchema) }),
      handler: async ({ query }) => ({
        issues: await Promise.all((await newsletters.listIssues(query.newsletter_id)).map(present)),
      }),
    }),
    apiRoute({
      method: 'GET',
      url: '/newsletters/:slug/current',
      tag: 'newsletters',
      summary: 'The list’s current issue (assembled from what was published since the last one)',
      params: z.object({ slug: z.string().min(1).max(100) }),
      response: issueAnswer,
      handler: async ({ params }, request) =>
        newsletters
          .currentIssueFor(actorOf(request), params.slug)
          .then(async (row) => ({ issue: await present(row) }), domainError),
    }),
    apiRoute({
      method: 'GET',
      url: '/newsletters/issues/:id',
      tag: 'newsletters',
      summary: 'One issue',
      permission: 'articles.others',
      params: id,
      response: issueAnswer,
      handler: async ({ params }) => {
        const row = await newsletters.getIssue(params.id);
        if (!row) throw new NotFoundError('newsletter issue', params.id);
        return { issue: await present(row) };
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/newsletters/issues/:id',
      tag: 'newsletters',
      summary:
        'Edit an issue before it goes: subject, introduction, the articles’ order, add or remove articles',
      params: id,
      body: z
        .object({
          subject: z.string().trim().min(1).max(200).optional(),
          intro: z.string().max(10_000).optional(),
          order: articleIds.optional(),
          add: articleIds.optional(),
          remove: articleIds.optional(),
        })
        .strict(),
      response: issueAnswer,
      handler: async ({ params, body }, request) =>
        newsletters
          .updateIssue(actorOf(request), params.id, body)
          .then(async (row) => ({ issue: await present(row) }), domainError),
    }),
    apiRoute({
      method: 'POST',
      url: '/newsletters/issues/:id/send',
      tag: 'newsletters',
      summary: 'Send the issue now (a worker sends it; follow it with /progress)',
      params: id,
      response: issueAnswer,
      handler: async ({ params }, request) =>
        newsletters
          .queueSend(actorOf(request), params.id)
          .then(async (row) => ({ issue: await present(row) }), domainError),
    }),
    apiRoute({
      method: 'POST',
      url: '/newsletters/breaking',
      tag: 'newsletters',
      summary: 'A breaking-news issue from one published article, sent at once',
      body: z.object({
        article_id: z.string().min(1).max(64),
        newsletter: z.string().min(1).max(100).optional(),
      }),
      response: issueAnswer,
      handler: async ({ body }, request) => {
        const actor = actorOf(request);
        return newsletters
          .breaking(actor, body.article_id, body.newsletter)
          .then((row) => newsletters.queueSend(actor, row.id))
          .then(async (row) => ({ issue: await present(row) }), domainError);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/newsletters/issues/:id/progress',
      tag: 'newsletters',
      summary: 'How far the issue’s send has got',
      permission: 'articles.others',
      params: id,
      response: z.object({ progress: progressSchema }),
      handler: async ({ params }) => {
        if (!(await newsletters.getIssue(params.id))) throw new NotFoundError('newsletter issue', params.id);
        const row = await newsletters.progress(params.id);
        return {
          progress: row
            ? {
                status: row.status,
                total: Number(row.total),
                accepted: Number(row.accepted),
                failed: Number(row.failed),
                deferred: Number(row.deferred),
                started_at: row.started_at,
                finished_at: row.finished_at,
              }
            : {
                status: 'not_started' as const,
                total: 0,
                accepted: 0,
                failed: 0,
                deferred: 0,
                started_at: null,
                finished_at: null,
              },
        };
      },
    }),
  ];
}
