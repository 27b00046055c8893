// Pins the daemon's embeddings job: off (never due) without an endpoint; when configured, due
// every few minutes, embedding the turns recorded since with one log line, silent when there is
// nothing new, and one failure line when the endpoint is down.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { embeddingsJob } from './embeddings-job.js';
import { runDueJobs } from './recorder-jobs.js';

const MIN = 60_000;

describe('the embeddings job', () => {
  it('is off by default and, once configured, embeds new turns every few minutes', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const { input } = JSON.parse(body) as { input: string[] };
        res.writeHead(200, { 'content-type': 'application/json' });
        const data = input.map((t, index) => ({ index, embedding: [t.length, 1, 0] }));
        res.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const store = openMemoryStore(fixedClock(0, 1));
    const s = store.sessions.start({ agent: 'cli', projectId: null });
    const say = (text: string) =>
      store.events.append([{ sessionId: s.id, kind: 'user_message', text, source: 'cli' }]);
    const log: string[] = [];
    const world = {
      store,
      home: '/nowhere',
      env: {},
      clock: fixedClock(0, 1),
      log: (l: string) => log.push(l),
    };
    try {
      say('first turn');
      expect(embeddingsJob.every(store)).toBeNull();
      store.setSetting('search.embeddings.endpoint', url);
      store.setSetting('search.embeddings.model', 'fake');
      expect(embeddingsJob.every(store)).toBe(5 * MIN);
      expect(await runDueJobs(world, [embeddingsJob], 0)).toEqual([]);
      expect(await runDueJobs(world, [embeddingsJob], 5 * MIN)).toEqual(['embeddings']);
      expect(log).toEqual(['embeddings: 1 turn(s) embedded, 1 of 1 in all']);
      expect(await runDueJobs(world, [embeddingsJob], 10 * MIN)).toEqual(['embeddings']);
      expect(log).toHaveLength(1);
      say('second turn');
      say('third turn');
      await runDueJobs(world, [embeddingsJob], 15 * MIN);
      expect(log[1]).toBe('embeddings: 2 turn(s) embedded, 3 of 3 in all');
      await new Promise((r) => server.close(r));
      say('fourth turn');
      await runDueJobs(world, [embeddingsJob], 20 * MIN);
      expect(log[2]).toMatch(/^embeddings failed: the embeddings endpoint .* did not answer/);
    } finally {
      store.close();
      if (server.listening) server.close();
    }
  });
});
