import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { authorCreateSchema, authorUpdateSchema } from '../../../modules/authors/author.types.ts';
import { tagCreateSchema, tagUpdateSchema } from '../../../modules/tags/tag.types.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function adminTaxonomyRoutes(services: Services): AnyApiRoute[] {
  const { tags, authors } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/tags',
      tag: 'tags',
      summary: 'All tags and sections',
      permission: 'articles.write',
      handler: async () => ({ tags: await tags.list() }),
    }),
    apiRoute({
      method: 'POST',
      url: '/tags',
      tag: 'tags',
      summary: 'Create a tag (is_section: true puts it in the navigation)',
      permission: 'taxonomy.write',
      body: tagCreateSchema,
      successStatus: 201,
      handler: async (_i, request) => ({ tag: await tags.create(request.body) }),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/tags/:id',
      tag: 'tags',
      summary: 'Change a tag',
      permission: 'taxonomy.write',
      params: idParams,
      body: tagUpdateSchema,
      handler: async ({ params }, request) => ({ tag: await tags.update(params.id, request.body) }),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/tags/:id',
      tag: 'tags',
      summary: 'Delete a tag (articles keep their other tags)',
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
      handler: async () => ({ authors: await authors.list() }),
    }),
    apiRoute({
      method: 'POST',
      url: '/authors',
      tag: 'authors',
      summary: 'Create an author; real_name is write-only and stored encrypted',
      permission: 'taxonomy.write',
      body: authorCreateSchema,
      successStatus: 201,
      handler: async (_i, request) => ({ author: await authors.create(request.body) }),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/authors/:id',
      tag: 'authors',
      summary: 'Change an author',
      permission: 'taxonomy.write',
      params: idParams,
      body: authorUpdateSchema,
      handler: async ({ params }, request) => ({ author: await authors.update(params.id, request.body) }),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/authors/:id',
      tag: 'authors',
      summary: 'Delete an author',
      permission: 'taxonomy.write',
      params: idParams,
      handler: async ({ params }) => {
        await authors.delete(params.id);
        return undefined;
      },
    }),
  ];
}
