// Pins optional semantic search as a person sets it up: `baton config set` names a (fake,
// in-test) OpenAI-compatible endpoint and model, `baton embeddings index` embeds the turns with
// progress, `baton search` then finds a turn by a word it does not hold, `baton doctor` reports the
// state, and with the endpoint gone a search prints one notice and still returns the word matches.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, baton, openStore, sandbox } from './cli-process.js';
import type { Run, Sandbox } from './cli-process.js';

const DIM = 32;
/** Hashed bag of words; `kids` is made to mean `children`. */
function vector(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const word = raw === 'kids' ? 'children' : raw;
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % DIM]! += 1;
  }
  return v;
}

let box: Sandbox;
let server: Server;
let endpoint: string;
let kidsTurn: string;

/** The CLI run without blocking this process, which serves the fake endpoint. */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: box.project,
        env: {
          ...process.env,
          BATON_HOME: box.home,
          HOME: box.home,
          NO_COLOR: '1',
          BATON_SESSION: '',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  box = sandbox();
  const { store, project } = openStore(box);
  const s = store.sessions.start({ agent: 'cli', projectId: project.id });
  const texts = [
    'The deploy to staging failed because the secret was missing',
    'My children spent the whole weekend at the dinosaur museum',
    'The staging deploy is green again',
  ];
  const { seqs } = store.events.append(
    texts.map((text) => ({
      sessionId: s.id,
      kind: 'user_message' as const,
      text,
      source: 'cli' as const,
    })),
  );
  kidsTurn = store.events.get(seqs[1]!)!.id;
  store.close();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { input } = JSON.parse(body) as { input: string[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: input.map((t, index) => ({ index, embedding: vector(t) })) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  if (server.listening) await new Promise((r) => server.close(r));
  box.dispose();
});

const searchIds = (r: Run) =>
  (JSON.parse(r.stdout) as { hits: { event: { id: string } | null }[] }).hits.map(
    (h) => h.event?.id,
  );

describe('semantic search from the command line', () => {
  it('is off until configured, then indexes with progress and finds by meaning', async () => {
    const off = await run(['search', 'what', 'do', 'my', 'kids', 'like?', '--json']);
    expect(off.code).toBe(0);
    expect(searchIds(off)).not.toContain(kidsTurn);
    expect(baton(box, ['doctor', '--json']).stdout).toContain('"search:embeddings"');

    expect(baton(box, ['config', 'set', 'search.embeddings.endpoint', endpoint]).code).toBe(0);
    expect(baton(box, ['config', 'set', 'search.embeddings.model', 'fake-bow']).code).toBe(0);
    const bad = baton(box, ['config', 'set', 'search.embeddings.endpoint', 'not a url']);
    expect(bad.code).toBe(2);

    const index = await run(['embeddings', 'index']);
    expect(index.code).toBe(0);
    expect(index.stderr).toContain('embedded 3 of 3 turns');
    expect(index.stdout).toContain('3 of 3 turns embedded with fake-bow');

    const on = await run(['search', 'what', 'do', 'my', 'kids', 'like?', '--json']);
    expect(on.stderr).toBe('');
    expect(searchIds(on)[0]).toBe(kidsTurn);
    const doctor = JSON.parse(baton(box, ['doctor', '--json']).stdout) as {
      checks: { id: string; status: string; summary: string }[];
    };
    const check = doctor.checks.find((c) => c.id === 'search:embeddings')!;
    expect(check).toMatchObject({ status: 'ok' });
    expect(check.summary).toContain('3 of 3 turns embedded');
  });

  it('with the endpoint down prints one notice and still returns the word matches', async () => {
    await new Promise((r) => server.close(r));
    const r = await run(['search', 'staging', 'deploy', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/semantic search skipped: .*did not answer/);
    expect(searchIds(r)).toHaveLength(2);
  });
});
