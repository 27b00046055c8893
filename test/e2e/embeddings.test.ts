// Pins optional semantic search as a person sets it up: `baton config set` names a fake
// OpenAI-compatible endpoint and model (src/search/fake-embeddings.fixture.ts), `baton embeddings index` embeds the turns with
// progress, `baton search` then finds a turn by a word it does not hold, `baton doctor` reports the
// state, and with the endpoint gone a search prints one notice and still returns the word matches.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, baton, openStore, sandbox } from './cli-process.js';
import type { Run, Sandbox } from './cli-process.js';
import { startFakeEmbeddings } from '../../src/search/fake-embeddings.fixture.js';
import type { FakeEmbeddings } from '../../src/search/fake-embeddings.fixture.js';

let box: Sandbox;
let server: FakeEmbeddings;
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
  server = await startFakeEmbeddings();
  endpoint = server.endpoint;
});
afterAll(async () => {
  await server.close();
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
    await server.close();
    const r = await run(['search', 'staging', 'deploy', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/semantic search skipped: .*did not answer/);
    expect(searchIds(r)).toHaveLength(2);
  });
});
