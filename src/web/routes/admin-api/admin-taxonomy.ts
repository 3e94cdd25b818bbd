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

const idParams = z.object({ id: singleLine(64).min(1) });
const oneTag = z.object({ tag: tagJsonSchema });
const oneAuthor = z.object({ author: authorJsonSchema });

/** Tags (sections among them) and authors. Every request and answer is snake_case. */
export function adminTaxonomyRoutes(services: Pick<Services, 'tags' | 'authors'>): AnyApiRoute[] {
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
      handler: async ({ body }) => ({ tag: presentTag(await tags.create(body)) }),
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
      handler: async ({ params, body }) => ({ tag: presentTag(await tags.update(params.id, body)) }),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/tags/:id',
      tag: 'tags',
      summary: 'Delete a tag (its articles stay, with their other tags)',
      permission: 'taxonomy.write',
      params: idParams,
      handler: async ({ params }) => {
        await tags.delete(params.id);
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
      handler: async ({ body }) => ({ author: presentAuthor(await authors.create(body)) }),
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
      handler: async ({ params, body }) => ({ author: presentAuthor(await authors.update(params.id, body)) }),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/authors/:id',
      tag: 'authors',
      summary: 'Delete an author (their articles stay, without this byline)',
      permission: 'taxonomy.write',
      params: idParams,
      handler: async ({ params }) => {
        await authors.delete(params.id);
        return undefined;
      },
    }),
  ];
}
