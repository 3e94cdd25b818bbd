import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Revision } from '../../../modules/articles/index.ts';
import { BlockNode } from '../../../modules/articles/document/index.ts';
import { singleLine } from '../../../lib/text-schemas.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { presentSavedArticle, savedArticleJsonSchema } from './admin-article-json.ts';
import { actorOf } from './admin-auth.ts';
import type { ArticlePreview } from './register-admin-api.ts';

const id = singleLine(64).min(1);
const articleParams = z.object({ id });
const revisionParams = z.object({ id, revision_id: id });

const revisionSummaryJson = z.object({
  id: z.string(),
  number: z.number().int(),
  created_at: z.string(),
  actor_label: z.string(),
  summary: z.string(),
});

const revisionJson = revisionSummaryJson.extend({
  title: z.string(),
  slug: z.string(),
  standfirst: z.string(),
  language: z.string(),
  status: z.string(),
  published_at: z.string().nullable(),
  seo_title: z.string(),
  seo_description: z.string(),
  canonical_url: z.string().nullable(),
  hero_media_id: z.string().nullable(),
  translation_group: z.string().nullable(),
  author_ids: z.array(z.string()),
  tag_ids: z.array(z.string()),
  body: z.object({ type: z.literal('doc'), content: z.array(BlockNode) }),
});

const diffJson = z.object({
  from: revisionSummaryJson,
  to: revisionSummaryJson,
  fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  body: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
});

function summaryJson(r: Pick<Revision, 'id' | 'number' | 'createdAt' | 'actorLabel' | 'summary'>) {
  return {
    id: r.id,
    number: r.number,
    created_at: r.createdAt,
    actor_label: r.actorLabel,
    summary: r.summary,
  };
}

/**
 * An article's revisions (list, one, diff, restore) and its preview. Whoever may edit the
 * article may use them: the article operations decide, given the actor.
 */
export function adminRevisionRoutes(services: Services, preview?: ArticlePreview): AnyApiRoute[] {
  const { articles } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/articles/:id/revisions',
      tag: 'revisions',
      summary: 'Every saved revision of an article, newest first',
      params: articleParams,
      response: z.object({ revisions: z.array(revisionSummaryJson) }),
      handler: async ({ params }, request) => ({
        revisions: (await articles.revisions(actorOf(request), params.id)).map(summaryJson),
      }),
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:id/revisions/diff',
      tag: 'revisions',
      summary:
        'What changed between two revisions: the fields with before and after, and the body text as equal, delete and insert runs',
      params: articleParams,
      query: z.object({ from: id, to: id }).strict(),
      response: diffJson,
      async handler({ params, query }, request) {
        const diff = await articles.diffRevisions(actorOf(request), params.id, query.from, query.to);
        return {
          from: summaryJson(diff.from),
          to: summaryJson(diff.to),
          fields: diff.fields,
          body: diff.body,
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:id/revisions/:revision_id',
      tag: 'revisions',
      summary: 'One revision: the article fields and body as they were after that save',
      params: revisionParams,
      response: z.object({ revision: revisionJson }),
      async handler({ params }, request) {
        const r = await articles.revision(actorOf(request), params.id, params.revision_id);
        return { revision: { ...summaryJson(r), ...r.fields, body: r.body } };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/articles/:id/revisions/:revision_id/restore',
      tag: 'revisions',
      summary:
        "Restore a revision's content (not its status) as a new revision; send the version you last read (409 if someone saved since)",
      params: revisionParams,
      body: z.object({ version: z.number().int().min(1) }).strict(),
      response: savedArticleJsonSchema,
      handler: async ({ params, body }, request) =>
        presentSavedArticle(
          await articles.restoreRevision(actorOf(request), params.id, params.revision_id, body.version),
          services.config.SITE_URL,
        ),
    }),
    apiRoute({
      method: 'GET',
      url: '/articles/:id/preview',
      tag: 'articles',
      summary:
        'The article as the public theme renders it, whatever its status (text/html; noindex, never cached)',
      params: articleParams,
      async handler({ params }, request, reply) {
        const article = await articles.getForEditing(actorOf(request), params.id);
        if (!preview) throw new DomainError('not_found', 'this process does not serve the public site');
        await preview(article, reply);
        return reply;
      },
    }),
  ];
}
