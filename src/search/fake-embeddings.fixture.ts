// A fake OpenAI-compatible `/v1/embeddings` endpoint for tests of semantic search: a real HTTP
// server on a free local port whose "model" is a hashed bag of words in DIM dimensions, in which
// `kids` is made to mean `children` — so a turn about children is found by a question about kids,
// which no word match can do. No model is downloaded.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_EMBEDDINGS_DIM = 32;

/** The fake model's embedding of a text. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(FAKE_EMBEDDINGS_DIM).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const word = raw === 'kids' ? 'children' : raw;
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % FAKE_EMBEDDINGS_DIM]! += 1;
  }
  return v;
}

export interface FakeEmbeddings {
  /** The base URL to configure (`…/v1`). */
  endpoint: string;
  /** How many requests it has answered. */
  requests(): number;
  /** Stops it (idempotent): the endpoint is gone, as a stopped local server's would be. */
  close(): Promise<void>;
}

export async function startFakeEmbeddings(): Promise<FakeEmbeddings> {
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests += 1;
      const { input } = JSON.parse(body) as { input: string[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ data: input.map((t, index) => ({ index, embedding: fakeEmbedding(t) })) }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests: () => requests,
    close: async () => {
      if (server.listening) await new Promise((r) => server.close(r));
    },
  };
}
