// Optional semantic search: embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (Ollama,
// llama.cpp's server, LM Studio, a hosted API), one vector per conversation turn kept in the store
// (migration 010), the query's vector compared with them by sqlite-vec and fused with the word
// ranking (vector-rank.ts). Off unless `search.embeddings.endpoint` and `.model` are set; loaded
// only then, so `baton search` without it never loads this file. Nothing here is needed for a
// search to work: an endpoint that is down costs one line, and the words still find what they find.
import { createRequire } from 'node:module';
import { BatonError } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { QueryVector } from './types.js';

export interface EmbeddingsConfig {
  /** Base URL of the API (`http://localhost:11434/v1`), or the `/embeddings` URL itself. */
  endpoint: string;
  model: string;
  /** Name of the environment variable holding the API key (never the key itself), if any. */
  apiKeyEnv: string | null;
}

/** Turns sent to the endpoint in one request. */
export const EMBED_BATCH = 64;
/** A turn's text is embedded from its first this many characters. */
export const EMBED_CHARS = 2000;
/** How long one request may take. */
const TIMEOUT_MS = 30_000;

export function embeddingsUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  if (base.endsWith('/embeddings')) return base;
  return base.endsWith('/v1') ? `${base}/embeddings` : `${base}/v1/embeddings`;
}

/** The vectors of `texts`, in order, from the configured endpoint. */
export async function embed(
  config: EmbeddingsConfig,
  texts: string[],
  env: Record<string, string | undefined>,
): Promise<Float32Array[]> {
  const url = embeddingsUrl(config.endpoint);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.apiKeyEnv) {
    const key = env[config.apiKeyEnv];
    if (!key) {
      throw new BatonError(
        'USAGE',
        `the embeddings API key variable ${config.apiKeyEnv} is not set`,
      );
    }
    headers.authorization = `Bearer ${key}`;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: config.model, input: texts }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new BatonError('IO', `the embeddings endpoint ${url} did not answer (${cause})`);
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
    throw new BatonError(
      'IO',
      `the embeddings endpoint ${url} answered ${response.status}${body ? `: ${body}` : ''}`,
    );
  }
  const json = (await response.json().catch(() => null)) as {
    data?: { embedding?: unknown; index?: number }[];
  } | null;
  const data = json?.data;
  if (!Array.isArray(data) || data.length !== texts.length) {
    throw new BatonError(
      'IO',
      `the embeddings endpoint ${url} sent no list of ${texts.length} embeddings`,
    );
  }
  const ordered = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  return ordered.map((d) => {
    const v = d.embedding;
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number')) {
      throw new BatonError('IO', `the embeddings endpoint ${url} sent a malformed vector`);
    }
    return Float32Array.from(v);
  });
}

const loaded = new WeakSet<Store>();

/**
 * Loads sqlite-vec (the npm package's binary for this platform) into the store's connection, once;
 * false when it cannot be loaded here, and then distances are computed in JavaScript.
 */
export function loadSqliteVec(store: Store): boolean {
  if (loaded.has(store)) return true;
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const ext = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';
  try {
    const path = createRequire(import.meta.url).resolve(
      `sqlite-vec-${os}-${process.arch}/vec0.${ext}`,
    );
    store.embeddings.loadExtension(path);
    loaded.add(store);
    return true;
  } catch {
    return false;
  }
}

/** The query's vector, ready for search()'s `semantic` option. */
export async function queryVector(
  store: Store,
  config: EmbeddingsConfig,
  query: string,
  env: Record<string, string | undefined>,
): Promise<QueryVector> {
  const [vector] = await embed(config, [query], env);
  return { vector: vector!, model: config.model, sqliteVec: loadSqliteVec(store) };
}

export interface IndexProgress {
  embedded: number;
  turns: number;
  /** Turns embedded by this run. */
  added: number;
}

/**
 * Embeds every turn that has no vector from the configured model yet, in batches, oldest first;
 * `onProgress` after each batch. Stops at the first failed request, keeping what was stored. The
 * store is counted once, at the start: a count per batch would scan the journal each time.
 */
export async function indexEmbeddings(
  store: Store,
  config: EmbeddingsConfig,
  env: Record<string, string | undefined>,
  onProgress: (p: IndexProgress) => void = () => {},
  batch = EMBED_BATCH,
): Promise<IndexProgress> {
  let after = 0;
  const { turns, embedded } = store.embeddings.counts(config.model);
  const progress = { turns, embedded, added: 0 };
  for (;;) {
    const rows = store.embeddings.pending(config.model, after, batch, EMBED_CHARS);
    if (rows.length === 0) break;
    const vectors = await embed(
      config,
      rows.map((r) => r.text),
      env,
    );
    store.embeddings.put(
      config.model,
      rows.map((r, i) => ({ seq: r.seq, vector: vectors[i]! })),
    );
    after = rows[rows.length - 1]!.seq;
    progress.added += rows.length;
    progress.embedded = Math.min(turns, embedded + progress.added);
    onProgress({ ...progress });
  }
  return progress;
}
