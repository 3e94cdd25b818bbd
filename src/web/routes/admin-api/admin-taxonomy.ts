import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  authorCreateSchema,
  authorJsonSchema,
  authorUpdateSchema,
  presentAuthor,
} from '../../../modules/authors/index.ts';
import { presentTag, tagCreateSchema, tagJsonSchema, tagUpdateSchema } from '../../../modules/tags/index.ts';
import { singleLine } from '../../../lib/text-schemas.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { recordChange } from './admin-audit-trail.ts';
import { actorOf } from './admin-auth.ts';

const idParams = z.object({ id: singleLine(64).min(1) });
const oneTag = z.object({ tag: tagJsonSchema });
const oneAuthor = z.object({ author: authorJsonSchema });

/** Tags (sections among them) and authors. Every request and answer is snake_case. */
/** Which fields a change sent (never their values: a real name must not reach the audit log). */
const fieldsOf = (body: object) => Object.keys(body).join(', ');

export function adminTaxonomyRoutes(services: Pick<Services, 'tags' | 'authors' | 'audit'>): AnyApiRoute[] {
  const { tags, authors } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/tags',
      tag: 'tags',
      summary: 'All tags and sections',
      permission: 'articles.write',
      response: z.object({ tags: z.array(tagJsonSchema) }),
      handler: async () => ({ tags: (await tags.list()).map(presentTag) }),
    }),
    apiRoute({
      method: 'POST',
      url: '/tags',
      tag: 'tags',
      summary:
        'Create a tag (is_section: true puts it in the navigation); without a slug it gets the next free one made from the name',
      permission: 'taxonomy.write',
      body: tagCreateSchema,
      successStatus: 201,
      response: oneTag,
      async handler({ body }, request) {
        const tag = await tags.create(body);
        await recordChange(services, request, {
          action: 'tag.create',
          objectType: 'tag',
          objectId: tag.id,
          summary: `created ${tag.isSection ? 'section' : 'tag'} "${tag.name}"`,
        });
        return { tag: presentTag(tag) };
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/tags/:id',
      tag: 'tags',
      summary: 'Change a tag; its pages and the pages of its articles show the change',
      permission: 'taxonomy.write',
      params: idParams,
      body: tagUpdateSchema,
      response: oneTag,
      async handler({ params, body }, request) {
        const tag = await tags.update(params.id, body);
        await recordChange(services, request, {
          action: 'tag.update',
          objectType: 'tag',
          objectId: tag.id,
          summary: `edited ${tag.isSection ? 'section' : 'tag'} "${tag.name}" (${fieldsOf(body)})`,
        });
        return { tag: presentTag(tag) };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/tags/:id',
      tag: 'tags',
      summary: 'Delete a tag (its articles stay, with their other tags)',
      permission: 'taxonomy.write',
      params: idParams,
      async handler({ params }, request) {
        const tag = await tags.get(params.id);
        await tags.delete(params.id);
        await recordChange(services, request, {
          action: 'tag.delete',
          objectType: 'tag',
          objectId: params.id,
          summary: `deleted ${tag.isSection ? 'section' : 'tag'} "${tag.name}"`,
        });
        return undefined;
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/authors',
      tag: 'authors',
      summary: 'All authors (real names of pen names are never returned)',
      permission: 'articles.write',
      response: z.object({ authors: z.array(authorJsonSchema) }),
      handler: async () => ({ authors: (await authors.list()).map(presentAuthor) }),
    }),
    apiRoute({
      method: 'POST',
      url: '/authors',
      tag: 'authors',
      summary:
        'Create an author; real_name (pen names only) is write-only and stored encrypted; without a slug it gets the next free one made from the name',
      permission: 'taxonomy.write',
      body: authorCreateSchema,
      successStatus: 201,
      response: oneAuthor,
      async handler({ body }, request) {
        const author = await authors.create(body);
        await recordChange(services, request, {
          action: 'author.create',
          objectType: 'author',
          objectId: author.id,
          summary: `created ${author.isPenName ? 'pen name' : 'author'} "${author.name}"`,
        });
        return { author: presentAuthor(author) };
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/authors/:id',
      tag: 'authors',
      summary:
        'Change an author; real_name: null forgets the real name, and is_pen_name: false forgets it too',
      permission: 'taxonomy.write',
      params: idParams,
      body: authorUpdateSchema,
      response: oneAuthor,
      async handler({ params, body }, request) {
        const author = await authors.update(params.id, body);
        await recordChange(services, request, {
          action: 'author.update',
          objectType: 'author',
          objectId: author.id,
          summary: `edited ${author.isPenName ? 'pen name' : 'author'} "${author.name}" (${fieldsOf(body)})`,
        });
        return { author: presentAuthor(author) };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/authors/:id/real-name',
      tag: 'authors',
      summary:
        'The real name kept behind a pen name (null when none is kept): admins and the owner only; each look is in the audit log',
      params: idParams,
      response: z.object({ real_name: z.string().nullable() }),
      async handler({ params }, request) {
        const realName = await authors.realName(actorOf(request), params.id);
        await recordChange(services, request, {
          action: 'author.real_name_read',
          objectType: 'author',
          objectId: params.id,
          summary: 'looked at the real name behind a pen name',
        });
        return { real_name: realName };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/authors/:id',
      tag: 'authors',
      summary: 'Delete an author (their articles stay, without this byline)',
      permission: 'taxonomy.write',
      params: idParams,
      async handler({ params }, request) {
        const author = await authors.get(params.id);
        await authors.delete(params.id);
        await recordChange(services, request, {
          action: 'author.delete',
          objectType: 'author',
          objectId: params.id,
          summary: `deleted ${author.isPenName ? 'pen name' : 'author'} "${author.name}"`,
        });
        return undefined;
      },
    }),
  ];
}
