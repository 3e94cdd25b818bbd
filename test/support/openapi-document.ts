// Reading an OpenAPI document as a client would: its operations, its schemas compiled to check
// answers at run time, and the property names it declares. Used by the typed client test.
import { z } from 'zod';

type Json = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Json> };
}

export interface OperationObject {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Json }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}

export interface Operation {
  operationId: string;
  /** As the document and openapi-fetch's `request` spell it. */
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operation: OperationObject;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation the document lists, in its order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        operationId: operation.operationId,
        method: method as Operation['method'],
        path,
        operation,
      })),
  );
}

/** `#/components/schemas/X` → `#/$defs/X`: zod resolves references within the schema it reads. */
function refsToDefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(refsToDefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string'
        ? [key, value.replace('#/components/schemas/', '#/$defs/')]
        : [key, refsToDefs(value)],
    ),
  );
}

/** A documented schema as a zod schema (zod's own JSON Schema reader), to check answers with. */
export function schemaChecker(doc: OpenApiDocument) {
  const defs = refsToDefs(doc.components?.schemas ?? {}) as Json;
  const compiled = new Map<Json, z.ZodType>();
  return (schema: Json): z.ZodType => {
    let checker = compiled.get(schema);
    if (!checker) {
      checker = z.fromJSONSchema({ ...(refsToDefs(schema) as Json), $defs: defs } as never);
      compiled.set(schema, checker);
    }
    return checker;
  };
}

export const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Every property and parameter name the document declares (requests and answers), where it is. */
export function declaredNames(doc: OpenApiDocument): Array<{ name: string; where: string }> {
  const out: Array<{ name: string; where: string }> = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}/${i}`));
    else if (node && typeof node === 'object') {
      const properties = (node as Json).properties;
      if (properties && typeof properties === 'object' && !Array.isArray(properties))
        for (const name of Object.keys(properties)) out.push({ name, where });
      for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
    }
  };
  for (const { operationId, operation } of operationsOf(doc)) {
    for (const p of operation.parameters ?? []) out.push({ name: p.name, where: `${operationId} ${p.in}` });
    walk(operation.requestBody, `${operationId} request`);
    walk(operation.responses, `${operationId} responses`);
  }
  walk(doc.components?.schemas, 'components/schemas');
  return out;
}

/**
 * The property names in an answer, with the schema it was documented with as a guide: the keys
 * of a map (a record such as `descriptions` by language) are data, not names, and are left out.
 */
export function answerNames(
  doc: OpenApiDocument,
  value: unknown,
  schema: Json,
): Array<{ name: string; at: string }> {
  const out: Array<{ name: string; at: string }> = [];
  const resolve = (s: Json): Json[] => {
    if (typeof s.$ref === 'string') {
      const target = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')];
      return target ? resolve(target) : [];
    }
    const branches = [s.anyOf, s.oneOf, s.allOf].flatMap((b) => (Array.isArray(b) ? (b as Json[]) : []));
    return [s, ...branches.flatMap(resolve)];
  };
  const walk = (v: unknown, schemas: Json[], at: string): void => {
    if (Array.isArray(v)) {
      const items = schemas.flatMap((s) =>
        s.items && typeof s.items === 'object' ? resolve(s.items as Json) : [],
      );
      v.forEach((item, i) => walk(item, items, `${at}[${i}]`));
      return;
    }
    if (!v || typeof v !== 'object') return;
    for (const [key, child] of Object.entries(v)) {
      const declared = schemas.flatMap((s) => {
        const p = (s.properties as Record<string, Json> | undefined)?.[key];
        return p ? resolve(p) : [];
      });
      const mapValues = schemas.flatMap((s) =>
        s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties
          ? resolve(s.additionalProperties as Json)
          : [],
      );
      if (declared.length > 0 || mapValues.length === 0) out.push({ name: key, at });
      walk(child, declared.length > 0 ? declared : mapValues, `${at}.${key}`);
    }
  };
  walk(value, resolve(schema), '$');
  return out;
}
