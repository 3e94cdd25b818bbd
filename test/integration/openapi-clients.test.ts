import { symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import createClient from 'openapi-fetch';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminApiExamples,
  contentApiExamples,
  exampleContext,
  type ExampleContext,
  type OperationExample,
} from '../support/api-operation-examples.ts';
import {
  answerNames,
  declaredNames,
  operationsOf,
  schemaChecker,
  SNAKE_CASE,
  type OpenApiDocument,
} from '../support/openapi-document.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

// What someone building on our APIs does: fetch the OpenAPI document from a running site,
// generate TypeScript types from it (openapi-typescript), write a client against them
// (openapi-fetch) and call the API. Every operation the document lists is called with valid
// inputs (test/support/api-operation-examples.ts) and every answer is checked against the schema
// the document declares for it; every name is snake_case.

/** A small program a newsroom's developer might write against the generated Admin API types. */
const ADMIN_CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

const client = createClient<paths>({
  baseUrl: 'https://news.example/api/admin/v1',
  headers: { authorization: 'Bearer a-key' },
});

export async function renameTag(id: string, name: string): Promise<string> {
  const { data, error } = await client.PATCH('/tags/{id}', { params: { path: { id } }, body: { name } });
  if (error) return error.error.code + ': ' + error.error.message;
  return data.tag.is_section ? 'section ' + data.tag.slug : data.tag.slug;
}

export async function publishedTitles(): Promise<string[]> {
  const { data } = await client.GET('/articles', { params: { query: { status: 'published', limit: 5 } } });
  return (data?.articles ?? []).map((a) => a.title + ' (' + (a.published_at ?? 'not yet') + ')');
}

export async function draft(title: string): Promise<number> {
  const { data, error } = await client.POST('/articles', { body: { title, body_html: '<p>…</p>' } });
  if (error) throw new Error(error.error.message);
  return data.article.version + data.warnings.length;
}

export async function remove(id: string): Promise<boolean> {
  const { response } = await client.DELETE('/articles/{id}', { params: { path: { id } } });
  return response.status === 204;
}
`;

/** Mistakes the generated types must catch: each line marked "@error" must not compile. */
const ADMIN_CLIENT_MISTAKES = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

const client = createClient<paths>({ baseUrl: 'https://news.example/api/admin/v1' });

export async function mistakes() {
  const { data } = await client.GET('/articles/{id}', { params: { path: { id: 'x' } } });
  const title: string | undefined = data?.article.titel; // @error: no such field
  await client.POST('/tags', { body: { name: 'Sport', is_section: 'yes' } }); // @error: not a boolean
  await client.GET('/no-such-path'); // @error: no such operation
  return title;
}
`;

const CONTENT_CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

const client = createClient<paths>({ baseUrl: 'https://news.example/api/content/v1' });

export async function headlines(language: string) {
  const { data, error } = await client.GET('/articles', { params: { query: { language, limit: 10 } } });
  if (error) throw new Error(error.error.message);
  return data.articles.map((a) => ({
    title: a.title,
    url: a.url,
    picture: a.hero?.srcset.webp ?? null,
    bylines: a.authors.map((author) => author.name).join(', '),
    pages: data.meta.pages,
  }));
}

export async function story(slug: string): Promise<string | undefined> {
  const { data } = await client.GET('/articles/{slug}', { params: { path: { slug } } });
  return data?.article.html;
}

export async function sections(): Promise<string[]> {
  const { data } = await client.GET('/tags');
  return (data?.tags ?? []).filter((t) => t.is_section).map((t) => t.name);
}
`;

const CONTENT_CLIENT_MISTAKES = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

const client = createClient<paths>({ baseUrl: 'https://news.example/api/content/v1' });

export async function mistakes() {
  const { data } = await client.GET('/articles/{slug}', { params: { path: { slug: 'x' } } });
  const when: string | null | undefined = data?.article.publishedAt; // @error: camelCase field
  await client.GET('/articles', { params: { query: { limit: 'ten' } } }); // @error: not a number
  await client.POST('/articles', { body: {} }); // @error: read-only API
  return when;
}
`;

/**
 * Answers whose names are not ours: WebAuthn options, passed to the browser as the W3C spec names
 * them (`pubKeyCredParams`, `allowCredentials`). The document declares none of their names.
 */
const EXTERNAL_NAMES = new Set([
  'postAuthPasskeysRegistrationOptions',
  'postAuthPasskeysAuthenticationOptions',
]);

interface ApiUnderTest {
  name: string;
  prefix: string;
  withKey: boolean;
  examples: Record<string, OperationExample>;
  client: string;
  mistakes: string;
}

const APIS: ApiUnderTest[] = [
  {
    name: 'Admin API',
    prefix: '/api/admin/v1',
    withKey: true,
    examples: adminApiExamples,
    client: ADMIN_CLIENT,
    mistakes: ADMIN_CLIENT_MISTAKES,
  },
  {
    name: 'Content API',
    prefix: '/api/content/v1',
    withKey: false,
    examples: contentApiExamples,
    client: CONTENT_CLIENT,
    mistakes: CONTENT_CLIENT_MISTAKES,
  },
];

/** Typecheck files in `dir` as a strict TypeScript project; answers each error as "file:line: text". */
function typecheck(dir: string, files: string[]): string[] {
  const program = ts.createProgram(
    files.map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    },
  );
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
        : '(project)';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

/** The documented success answer of an operation: its status and (if any) content. */
function documentedSuccess(operation: OpenApiDocument['paths'][string][string]) {
  const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
  expect(successes, `${operation.operationId} documents one success answer`).toHaveLength(1);
  const [status, response] = successes[0]!;
  return { status: Number(status), content: response.content };
}

interface RecordedAnswer {
  operationId: string;
  value: unknown;
  schema: Record<string, unknown>;
}

describe.each(testDatabases)('typed clients from the OpenAPI documents (%s)', (dialect) => {
  let t: SiteTestApp;
  let ownerKey: string;
  let ctx: ExampleContext;
  const documents = new Map<string, OpenApiDocument>();
  const answers = new Map<string, RecordedAnswer[]>();

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
    ownerKey = await t.key('owner');
    ctx = exampleContext(t, ownerKey);
    for (const api of APIS) {
      const res = await t.fetch(`${api.prefix}/openapi.json`);
      expect(res.status).toBe(200);
      documents.set(api.name, (await res.json()) as OpenApiDocument);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  describe.each(APIS)('$name', (api) => {
    it('generates TypeScript types that a client program typechecks against, and that catch its mistakes', async () => {
      const doc = documents.get(api.name)!;
      const types = astToString(await openapiTS(doc as never));
      const dir = tempDir('openapi-client');
      symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(join(dir, 'schema.ts'), types);
      writeFileSync(join(dir, 'client.ts'), api.client);
      expect(typecheck(dir, ['schema.ts', 'client.ts'])).toEqual([]);

      // The types are real, not `any`: each marked mistake is refused, on its own line.
      writeFileSync(join(dir, 'mistakes.ts'), api.mistakes);
      const errors = typecheck(dir, ['mistakes.ts']);
      const marked = api.mistakes
        .split('\n')
        .flatMap((line, i) => (line.includes('// @error') ? [`mistakes.ts:${i + 1}`] : []));
      expect(marked.length).toBeGreaterThan(0);
      for (const where of marked) {
        expect(
          errors.some((e) => e.startsWith(`${where}:`)),
          `${where} should not compile; errors: ${errors.join('\n')}`,
        ).toBe(true);
      }
    }, 120_000);

    it('calls every operation in the document with openapi-fetch; every answer matches its documented schema', async () => {
      const doc = documents.get(api.name)!;
      const operations = operationsOf(doc);
      const ids = operations.map((o) => o.operationId);
      expect(new Set(ids).size, 'operationIds are unique').toBe(ids.length);
      const missing = ids.filter((id) => !api.examples[id]);
      expect(
        missing,
        `operations with no example input: add them to the ${api.name} table in test/support/api-operation-examples.ts`,
      ).toEqual([]);
      const stale = Object.keys(api.examples).filter((id) => !ids.includes(id));
      expect(stale, 'examples for operations the document does not list').toEqual([]);

      const check = schemaChecker(doc);
      const headers = api.withKey ? { authorization: `Bearer ${ownerKey}` } : undefined;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the paths are known only at run time
      const client = createClient<any>({ baseUrl: `${t.baseUrl}${api.prefix}`, headers });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const anonymous = createClient<any>({ baseUrl: `${t.baseUrl}${api.prefix}` });
      // Kept as they arrive: the casing check below reads them even when one did not validate.
      const recorded: RecordedAnswer[] = [];
      answers.set(api.name, recorded);

      for (const { operationId, method, path, operation } of operations) {
        const call = await api.examples[operationId]!(ctx);
        const success = documentedSuccess(operation);
        const [contentType, media] = Object.entries(success.content ?? {})[0] ?? [];
        // JSON is parsed; a feed, CSV or HTML is text; anything else (a file) stays bytes.
        const binary = media?.schema.format === 'binary';
        const parseAs = !contentType ? 'text' : /json/.test(contentType) ? 'json' : binary ? 'blob' : 'text';
        // A staff session (its cookie and CSRF token) or no credentials replace the owner's key.
        const headers = call.headers || call.public ? { authorization: null, ...call.headers } : undefined;
        const { data, error, response } = await client.request(method, path, {
          params: call.params ?? {},
          body: call.body,
          parseAs,
          headers,
        });
        expect(response.status, `${operationId} answered ${JSON.stringify(error)}`).toBe(success.status);
        if (!contentType) {
          expect(data || undefined, `${operationId} documents no content`).toBeUndefined();
        } else {
          expect(response.headers.get('content-type'), operationId).toContain(contentType);
          if (binary) {
            expect((data as Blob).size, `${operationId} answers bytes`).toBeGreaterThan(0);
          } else {
            recorded.push({ operationId, value: data, schema: media!.schema });
            const result = check(media!.schema).safeParse(data);
            expect(
              result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
              `${operationId}: the answer does not match its documented schema`,
            ).toEqual([]);
          }
        }

        // An error answer is documented too, in the one error shape: without a key or a session,
        // every operation that needs one refuses.
        if (api.withKey && !call.public) {
          const refused = await anonymous.request(method, path, {
            params: call.params ?? {},
            body: call.body,
          });
          expect(refused.response.status, operationId).toBe(401);
          const documented = operation.responses['401']?.content?.['application/json']?.schema;
          expect(documented, `${operationId} documents its 401`).toBeDefined();
          expect(check(documented!).safeParse(refused.error).success, `${operationId} 401`).toBe(true);
        }
      }
      if (!api.withKey) {
        // The public API's errors: a story that does not exist, a page size out of range.
        const notFound = await client.GET('/articles/{slug}', {
          params: { path: { slug: 'no-such-story' } },
        });
        expect(notFound.response.status).toBe(404);
        const documented404 =
          doc.paths['/articles/{slug}']!.get!.responses['404']!.content!['application/json']!;
        expect(check(documented404.schema).safeParse(notFound.error).success).toBe(true);
        const bad = await client.GET('/articles', { params: { query: { limit: 1000 } } });
        expect(bad.response.status).toBe(400);
        const documented400 = doc.paths['/articles']!.get!.responses['400']!.content!['application/json']!;
        expect(check(documented400.schema).safeParse(bad.error).success).toBe(true);
      }
    }, 120_000);

    it('names every property snake_case: in every schema of the document and in every answer', () => {
      const doc = documents.get(api.name)!;
      const declared = declaredNames(doc);
      expect(declared.length).toBeGreaterThan(10);
      expect(declared.filter(({ name }) => !SNAKE_CASE.test(name))).toEqual([]);

      const recorded = answers.get(api.name);
      expect(recorded?.length, 'the answers of the calls above').toBeGreaterThan(0);
      const seen = recorded!
        .filter((a) => !EXTERNAL_NAMES.has(a.operationId))
        .flatMap((a) =>
          answerNames(doc, a.value, a.schema).map((n) => ({ ...n, operationId: a.operationId })),
        );
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.filter(({ name }) => !SNAKE_CASE.test(name))).toEqual([]);
    });
  });
});
