import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { buildOpenApi } from './openapi.ts';

const info = { title: 'Test', version: '1', description: '' };

describe('buildOpenApi', () => {
  const routes = [
    apiRoute({
      method: 'GET',
      url: '/front-page/:id',
      tag: 't',
      summary: 'JSON',
      params: z.object({ id: z.string() }),
      response: z.object({ item_count: z.number().int() }),
      handler: async () => ({ item_count: 1 }),
    }),
    apiRoute({
      method: 'GET',
      url: '/export.csv',
      tag: 't',
      summary: 'CSV',
      rawResponse: { contentType: 'text/csv', description: 'One row per article' },
      handler: async (_input, _request, reply) => reply.type('text/csv').send('a,b\n'),
    }),
    apiRoute({
      method: 'POST',
      url: '/things',
      tag: 't',
      summary: 'No content',
      body: z.object({ name: z.string() }),
      handler: async () => undefined,
    }),
  ];
  const doc = buildOpenApi(info, 'https://x.example/api', routes, { bearerAuth: true });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const op = (path: string, method: string) => (doc.paths[path] as any)[method];

  it('declares a JSON answer with the output schema the route builds it with', () => {
    const get = op('/front-page/{id}', 'get');
    expect(get.operationId).toBe('getFrontPageId');
    expect(get.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { item_count: { type: 'integer' } },
      required: ['item_count'],
      additionalProperties: false,
    });
  });

  it('declares a non-JSON answer with its content type, and no content as 204', () => {
    expect(op('/export.csv', 'get').responses['200']).toEqual({
      description: 'One row per article',
      content: { 'text/csv': { schema: { type: 'string' } } },
    });
    expect(op('/things', 'post').responses['204']).toEqual({ description: 'Done; no content' });
    expect(op('/things', 'post').responses['200']).toBeUndefined();
  });

  it('declares every error a route can answer in the one error shape', () => {
    const post = op('/things', 'post');
    expect(Object.keys(post.responses).sort()).toEqual([
      '204',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
    ]);
    expect(Object.keys(op('/front-page/{id}', 'get').responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
    ]);
    const error = post.responses['409'].content['application/json'].schema;
    expect(error.properties.error.required).toEqual(['code', 'message', 'details']);
  });
});
