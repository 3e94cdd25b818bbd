import { z } from 'zod';
import type { AnyApiRoute } from './api-route.ts';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

/** An OpenAPI 3.1 document generated from the routes' own validation schemas. */
export function buildOpenApi(
  info: { title: string; version: string; description: string },
  serverUrl: string,
  routes: AnyApiRoute[],
  options: { bearerAuth: boolean },
) {
  const pathsOut: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([a-zA-Z_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())}`,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses: {
        [String(route.successStatus ?? 200)]: {
          description: 'Success',
          ...(route.response
            ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
            : {}),
        },
        '400': { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
        ...(options.bearerAuth
          ? {
              '401': {
                description: 'Missing or bad API key',
                content: { 'application/json': { schema: errorSchema } },
              },
              '403': {
                description: 'Not allowed for this key',
                content: { 'application/json': { schema: errorSchema } },
              },
            }
          : {}),
        '404': { description: 'Not found', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (route.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body) } },
      };
    } else if (route.rawBody) {
      op.requestBody = {
        required: true,
        content: { [route.rawBody.contentType]: { schema: route.rawBody.schema } },
      };
    }
    pathsOut[path] = { ...(pathsOut[path] ?? {}), [route.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: serverUrl }],
    paths: pathsOut,
    ...(options.bearerAuth
      ? {
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
          security: [{ bearer: [] }],
        }
      : {}),
  };
}
