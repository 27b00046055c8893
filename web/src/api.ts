// The viewer's one way to the daemon: its API under /ui/api/v1, authenticated by the login
// cookie the browser sends itself (the page never sees a token). Errors arrive as
// `{ error: { code, message } }` and are thrown as ApiError.
const BASE = '/ui/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | undefined | null>;

export function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function call<T>(method: string, path: string, query: Query, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const r = await fetch(url(path, query), init);
  const data = (await r.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!r.ok) {
    throw new ApiError(r.status, data.error?.code ?? 'HTTP', data.error?.message ?? r.statusText);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query: Query = {}) => call<T>('GET', path, query),
  post: <T>(path: string, body: unknown, query: Query = {}) => call<T>('POST', path, query, body),
  patch: <T>(path: string, body: unknown, query: Query = {}) => call<T>('PATCH', path, query, body),
  put: <T>(path: string, body: unknown, query: Query = {}) => call<T>('PUT', path, query, body),
};
