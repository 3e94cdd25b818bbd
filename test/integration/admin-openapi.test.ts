import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { jsonRequest } from '../support/admin-client.ts';

// The OpenAPI documents are generated from the same zod schemas that validate requests and
// describe answers; these tests hold the documents to what the server really sends.

const json = jsonRequest;

describe.each(testDatabases)('OpenAPI documents on %s', (dialect) => {
  let t: TestApp;
  let owner: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    owner = await t.key('owner');
  });
  afterAll(async () => t?.close());

  it('declares the article answers and the error shape in the OpenAPI document, as they are sent', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = (await (await t.fetch('/api/admin/v1/openapi.json')).json()) as any;
    const schemaOf = (path: string, method: string, status: string) =>
      doc.paths[path][method].responses[status].content['application/json'].schema;

    // A save answers the article and the import warnings; the declared fields are the sent ones.
    const created = await t.fetch(
      '/api/admin/v1/articles',
      json(owner, { title: 'Declared', body_html: '<p>Text</p><svg><text>Drawn</text></svg>' }),
    );
    const answer = (await created.json()) as { article: object; warnings: Array<{ code: string }> };
    const saved = schemaOf('/articles', 'post', '201');
    expect(Object.keys(saved.properties).sort()).toEqual(['article', 'warnings']);
    expect(saved.required.sort()).toEqual(['article', 'warnings']);
    expect(Object.keys(saved.properties.article.properties).sort()).toEqual(
      Object.keys(answer.article).sort(),
    );
    expect(answer.warnings.map((w) => w.code)).toEqual(['replaced_by_text']);
    expect(saved.properties.warnings.items.properties.code.enum).toContain('replaced_by_text');
    expect(schemaOf('/articles/{id}', 'patch', '200')).toEqual(saved);
    expect(Object.keys(schemaOf('/articles/{id}/publish', 'post', '200').properties)).toEqual(['article']);

    // Every reference resolves inside the document (the tree's recursive blocks are a component).
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(v as string);
          else walk(v);
        }
    };
    walk(doc);
    expect(refs).toContain('#/components/schemas/DocumentBlock');
    for (const ref of new Set(refs)) {
      const target = ref
        .slice(2)
        .split('/')
        .reduce((node, part) => node?.[part], doc);
      expect(target, ref).toBeTypeOf('object');
    }

    // `details` is required and may be null, as every error answer has it.
    const error = schemaOf('/articles', 'post', '400').properties.error;
    expect(error.required.sort()).toEqual(['code', 'details', 'message']);
    expect(error.properties.details.anyOf).toContainEqual({ type: 'null' });
    // Without a key: nothing more to say than the message.
    const refused = (await (await t.fetch('/api/admin/v1/articles')).json()) as {
      error: Record<string, unknown>;
    };
    expect(Object.keys(refused.error).sort()).toEqual(['code', 'details', 'message']);
    expect(refused.error.details).toBeNull();
  });

  it('publishes OpenAPI documents generated from the validation schemas', async () => {
    const admin = (await (await t.fetch('/api/admin/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
        >
      >;
    };
    expect(admin.openapi).toBe('3.1.0');
    const create = admin.paths['/articles']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(create?.properties ?? {})).toEqual(
      expect.arrayContaining(['title', 'slug', 'body_html', 'body']),
    );
    expect(admin.paths['/media']?.post).toBeDefined();
    const content = (await (await t.fetch('/api/content/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(content.paths)).toEqual(
      expect.arrayContaining(['/articles', '/articles/{slug}', '/tags', '/authors']),
    );
  });
});
