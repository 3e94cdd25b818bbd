import { z } from 'zod';
import type { AnyApiRoute } from './api-route.ts';

/**
 * Names for schemas the documents share under `components.schemas`. A recursive schema (the
 * document tree's blocks) needs a name: its JSON Schema refers to itself.
 */
export const openApiSchemaNames = z.registry<{ id: string }>();

type Json = Record<string, unknown>;

/**
 * Turns zod schemas into JSON Schema for one document. zod puts what a schema refers to (its
 * recursive parts) in a `$defs` of its own, with `#/$defs/...` references; inside an OpenAPI
 * document those resolve against the document root, so they move to `components.schemas`.
 */
function schemaWriter() {
  const components: Record<string, Json> = {};
  let unnamed = 0;
  function write(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
    const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', metadata: openApiSchemaNames }) as Json;
    delete out.$schema;
    const defs = (out.$defs ?? {}) as Record<string, Json>;
    delete out.$defs;
    // Named schemas are the same wherever they appear; zod's own names (__schema0) are per call.
    const names = new Map(
      Object.keys(defs).map((name) => [name, name.startsWith('__') ? `Schema${++unnamed}` : name]),
    );
    const moved = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(moved);
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) =>
          key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
            ? [key, `#/components/schemas/${names.get(value.slice('#/$defs/'.length))}`]
            : [key, moved(value)],
        ),
      );
    };
    for (const [name, def] of Object.entries(defs)) components[names.get(name)!] = moved(def) as Json;
    return moved(out) as Json;
  }
  return { write, components };
}

function parameters(
  jsonSchema: ReturnType<typeof schemaWriter>['write'],
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
) {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** Every error answer (web/error-handler.ts): `details` is always there, null when there is nothing more. */
const errorSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      additionalProperties: false,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          description: 'What exactly was wrong (for example the fields that failed validation), or null',
          anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }, { type: 'null' }],
        },
      },
    },
  },
};

/** `get` + `/front-page/{id}` → `getFrontPageId`: one identifier, the same in every client. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/[{}]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** A route's success answer: its JSON schema, its raw content type, or 204 with nothing. */
function successResponse(route: AnyApiRoute, jsonSchema: ReturnType<typeof schemaWriter>['write']) {
  if (route.response) {
    return {
      [String(route.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
      },
    };
  }
  if (route.rawResponse) {
    const raw = route.rawResponse;
    return {
      [String(route.successStatus ?? 200)]: {
        description: raw.description ?? 'Success',
        content: { [raw.contentType]: { schema: raw.schema ?? { type: 'string' } } },
      },
    };
  }
  return { '204': { description: 'Done; no content' } };
}

/** The errors a route can answer, all in the one error shape (web/error-handler.ts). */
function errorResponses(route: AnyApiRoute, options: { bearerAuth: boolean }) {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorSchema } },
  });
  const writes = route.method !== 'GET';
  const hasBody = Boolean(route.body || route.rawBody);
  return {
    '400': error('Invalid input'),
    ...(options.bearerAuth
      ? { '401': error('Missing or bad API key'), '403': error('Not allowed for this key') }
      : {}),
    '404': error('Not found'),
    ...(writes ? { '409': error('Conflict: a duplicate slug or name, or a stale version') } : {}),
    ...(hasBody
      ? {
          '413': error('Request body too large'),
          '415': error(`Send the body as ${route.rawBody?.contentType ?? 'application/json'}`),
        }
      : {}),
  };
}

/** An OpenAPI 3.1 document generated from the routes' own validation schemas. */
export function buildOpenApi(
  info: { title: string; version: string; description: string },
  serverUrl: string,
  routes: AnyApiRoute[],
  options: { bearerAuth: boolean },
) {
  const pathsOut: Record<string, Record<string, unknown>> = {};
  const { write: jsonSchema, components } = schemaWriter();
  for (const route of routes) {
    const path = route.url.replace(/:([a-zA-Z_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: operationIdOf(route.method, path),
      parameters: [
        ...parameters(jsonSchema, route.params, 'path'),
        ...parameters(jsonSchema, route.query, 'query'),
      ],
      responses: {
        ...successResponse(route, jsonSchema),
        ...errorResponses(route, options),
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
    components: {
      schemas: components,
      ...(options.bearerAuth ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } : {}),
    },
    ...(options.bearerAuth ? { security: [{ bearer: [] }] } : {}),
  };
}
