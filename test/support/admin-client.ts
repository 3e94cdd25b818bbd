import type { TestApp } from './test-app.ts';

export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  /** The answer as sent, to search for what must never be in it. */
  text: string;
}

/** JSON calls to the Admin API with one key, answering status, parsed body and raw text. */
export function adminClient(t: TestApp, key: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<AdminAnswer<T>> => {
    const res = await t.fetch(`/api/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, text };
  };
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test names what it reads
    get: <T = any>(path: string) => call<T>('GET', path),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    post: <T = any>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    put: <T = any>(path: string, body: unknown) => call<T>('PUT', path, body),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    delete: <T = any>(path: string) => call<T>('DELETE', path),
  };
}

export type AdminClient = ReturnType<typeof adminClient>;

/** A published article by these authors and tags; answers its id and slug. */
export async function publishArticle(
  admin: AdminClient,
  fields: Record<string, unknown> & { title: string },
): Promise<{ id: string; slug: string; version: number }> {
  const res = await admin.post<{ article: { id: string; slug: string; version: number } }>('/articles', {
    body_html: '<p>The council met on Tuesday.</p>',
    status: 'published',
    ...fields,
  });
  if (res.status !== 201) throw new Error(`publishing failed: ${res.status} ${res.text}`);
  return res.body.article;
}

/** A fetch request to the Admin API with this key and JSON body (a string is sent as it is). */
export function jsonRequest(key: string | undefined, body?: unknown, method = 'POST'): RequestInit {
  return {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  };
}
