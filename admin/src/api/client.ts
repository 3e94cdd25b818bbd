// The admin's one way to the server: JSON to /api/admin/v1, the session cookie sent with every
// request (same origin), the CSRF token on every state-changing one, and every failure turned
// into an ApiError carrying the server's { error: { code, message, details } }.

export const API_BASE = '/api/admin/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Answer text instead of JSON (CSV, HTML). */
  text?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  base?: string;
  /** The current CSRF token (from GET /auth/state). */
  csrfToken(): string | null;
  /**
   * Called on a 403 "csrf" answer: fetch a fresh token (the session may have been renewed); the
   * request is then sent once more. Resolves to the new token or null.
   */
  refreshCsrf?(): Promise<string | null>;
  /** Called when the server says the session is gone (401): the app goes to sign-in. */
  onUnauthenticated?(error: ApiError): void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** `?a=1&b=x&c=1&c=2`, leaving out undefined, null and empty values. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function toError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      error.details ?? null,
    );
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText || 'request failed');
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
  /** The URL of a GET (for links such as the audit CSV). */
  url(path: string, query?: Query): string;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.base ?? API_BASE;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send(method: string, path: string, opts: RequestOptions, token: string | null) {
    const headers: Record<string, string> = { Accept: opts.text ? '*/*' : 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (!SAFE_METHODS.has(method) && token) headers['X-CSRF-Token'] = token;
    return doFetch(base + path + queryString(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const upper = method.toUpperCase();
    let response: Response;
    try {
      response = await send(upper, path, opts, options.csrfToken());
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
    }
    if (!response.ok) {
      let error = await toError(response);
      if (error.code === 'csrf' && !SAFE_METHODS.has(upper) && options.refreshCsrf) {
        const fresh = await options.refreshCsrf();
        if (fresh) {
          response = await send(upper, path, opts, fresh);
          if (response.ok) return read<T>(response, opts);
          error = await toError(response);
        }
      }
      if (error.status === 401) options.onUnauthenticated?.(error);
      throw error;
    }
    return read<T>(response, opts);
  }

  return {
    request,
    get: (path, query) => request('GET', path, query ? { query } : {}),
    post: (path, body) => request('POST', path, { body: body ?? {} }),
    patch: (path, body) => request('PATCH', path, { body: body ?? {} }),
    put: (path, body) => request('PUT', path, { body: body ?? {} }),
    delete: (path) => request('DELETE', path),
    url: (path, query) => base + path + queryString(query),
  };
}

async function read<T>(response: Response, opts: RequestOptions): Promise<T> {
  if (response.status === 204) return undefined as T;
  if (opts.text) return (await response.text()) as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}
