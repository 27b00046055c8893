// Pins the transcript import's worker (tail-worker.ts, tail-pipeline.ts): what it stores is what
// the single-thread import stores — events in the same order with the same text, data and raw
// records, the same sessions, todos and cursors — on written transcripts and on the real ones
// (BATON_REAL_FIXTURES); a malformed line is counted and skipped; a re-run adds nothing; the worker
// stays a bounded distance ahead of the writes; a failing worker ends the import with one line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assistant,
  jsonl,
  prompt,
  resetIds,
  tempClaudeHome,
  text,
  toolResult,
  toolUse,
} from '../../../test/helpers/claude-records.js';
import { SqliteStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { claudeCode } from '../claude-code/index.js';
import { importHistoryPiped } from './tail-pipeline.js';
import type { PipedImportOptions } from './tail-pipeline.js';

const FIXTURES = process.env.BATON_REAL_FIXTURES;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function tempStore(): SqliteStore {
  const dir = mkdtempSync(join(tmpdir(), 'baton-tail-'));
  const store = SqliteStore.open({ path: join(dir, 'baton.db') });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

/** Everything an import leaves in a store, without the ids and keys a store makes up. */
function dump(store: Store, paths: string[]) {
  return JSON.parse(
    // Each store has its own redaction key: the marks name the same secret with other hashes.
    JSON.stringify(stored(store, paths)).replace(/(\[REDACTED:[a-z_]+:)[0-9a-f]{8}\]/g, '$1…]'),
  ) as ReturnType<typeof stored>;
}

function stored(store: Store, paths: string[]) {
  const sessions = store.sessions.list({ limit: 100_000 });
  const key = new Map(sessions.map((s) => [s.id, s.agentSessionId ?? s.id]));
  return {
    sessions: sessions
      .map((s) => ({
        key: s.agentSessionId,
        parent: s.parentId === null ? null : key.get(s.parentId),
        parentKind: s.parentKind,
        title: s.title,
        status: s.status,
        cwd: s.cwd,
        branch: s.gitBranch,
        startedAt: s.startedAt,
        events: s.eventCount,
        meta: s.meta,
      }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key))),
    events: [...store.events.iterate({})].map((e) => ({
      session: key.get(e.sessionId),
      ts: e.ts,
      kind: e.kind,
      role: e.role,
      tool: e.tool,
      text: e.text,
      data: e.data,
      ref: e.ref,
      source: e.source,
      raw: store.events.raw(e.seq),
    })),
    // How each event's text and data are stored (compressed or plain), in the events' order.
    storedAs: store.query<{ t: string; d: string }>(
      'SELECT typeof(text) AS t, typeof(data) AS d FROM events ORDER BY seq',
    ),
    todos: [...new Set(sessions.map((s) => s.projectId))]
      .flatMap((projectId) => (projectId === null ? [] : store.todos.list({ projectId })))
      .map((t) => ({ key: t.externalKey, content: t.content, status: t.status }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key))),
    cursors: paths.map((p) => {
      const c = store.getCursor(p);
      return c && { offset: c.offset, size: c.size, fingerprint: c.fingerprint, state: c.state };
    }),
  };
}

async function importWith(configDir: string, options: PipedImportOptions, store = tempStore()) {
  const files = claudeCode.transcripts.discover({
    env: { CLAUDE_CONFIG_DIR: configDir },
    cwd: '/',
  });
  const summary = await importHistoryPiped(store, claudeCode, files, undefined, {}, options);
  return {
    store,
    files,
    summary,
    dump: dump(
      store,
      files.map((f) => f.path),
    ),
  };
}

const SESSION_A = 'aaaaaaaa-1111-2222-3333-444444444444';
const SESSION_B = 'bbbbbbbb-1111-2222-3333-444444444444';

/** A long session: several of the import's batches (4,000 lines), tool calls, a plan, a secret. */
function longSession(session: string, turns: number): string {
  const records: unknown[] = [];
  for (let i = 0; i < turns; i++) {
    records.push(prompt(`step ${i}: look at file${i}.ts`, { sessionId: session }));
    records.push(
      assistant(
        `msg_${session.slice(0, 4)}_${i}`,
        [
          text(`reading file${i}.ts`),
          toolUse(`toolu_${session.slice(0, 4)}_${i}`, 'Read', { file_path: `/p/file${i}.ts` }),
        ],
        { sessionId: session },
      ),
    );
    records.push(
      toolResult(`toolu_${session.slice(0, 4)}_${i}`, `export const x${i} = ${i};`, {
        extra: { sessionId: session },
      }),
    );
    if (i % 500 === 7) {
      records.push(
        assistant(
          `msg_${session.slice(0, 4)}_plan${i}`,
          [
            toolUse(`toolu_${session.slice(0, 4)}_plan${i}`, 'TodoWrite', {
              todos: [
                { content: `finish part ${i}`, status: 'in_progress', activeForm: 'finishing' },
                { content: `review part ${i}`, status: 'pending', activeForm: 'reviewing' },
              ],
            }),
          ],
          { sessionId: session },
        ),
      );
      records.push(
        toolResult(
          `toolu_${session.slice(0, 4)}_plan${i}`,
          'Todos have been modified successfully.',
          {
            extra: { sessionId: session },
          },
        ),
      );
      records.push(
        prompt(`export API_KEY=sk-ant-api03-${'x'.repeat(40)}${i}`, { sessionId: session }),
      );
    }
  }
  return jsonl(records);
}

describe('the transcript import on a worker', () => {
  it('stores what the single-thread import stores, in the same order, over several batches', async () => {
    resetIds();
    const home = tempClaudeHome();
    cleanups.push(() => home.cleanup());
    const bad = '{"type": "user", "message": ' + '\n';
    home.write(
      '-p/' + SESSION_A + '.jsonl',
      longSession(SESSION_A, 2500) +
        bad +
        longSession(SESSION_A, 30)
          .replaceAll('msg_aaaa_', 'msg_aaaa_b')
          .replaceAll('toolu_aaaa_', 'toolu_aaaa_b'),
    );
    home.write('-p/' + SESSION_B + '.jsonl', longSession(SESSION_B, 40));
    const main = await importWith(home.configDir, { thread: 'main' });
    const piped = await importWith(home.configDir, { thread: 'worker' });
    expect(main.dump.events.length).toBeGreaterThan(10_000);
    expect(piped.dump).toEqual(main.dump);
    expect(piped.summary).toEqual(main.summary);
    // The malformed line is counted with its number, and the lines after it are imported.
    expect(piped.summary.malformed).toEqual({ json: 1 });
    expect(piped.summary.problems[0]!.line).toBe(2500 * 3 + 5 * 3 + 1);
    // A secret is stored redacted in the event and in its raw record.
    const secret = piped.dump.events.find((e) => e.text?.includes('API_KEY'))!;
    expect(secret.text).toMatch(/\[REDACTED:/);
    expect(secret.raw).toMatch(/\[REDACTED:/);
    expect(JSON.stringify(piped.dump)).not.toContain('sk-ant-api03-x');
    expect(piped.dump.todos.length).toBeGreaterThan(0);
    // Importing again adds nothing, and reads nothing.
    const again = await importHistoryPiped(
      piped.store,
      claudeCode,
      piped.files,
      undefined,
      {},
      {
        thread: 'worker',
      },
    );
    expect(again.imported).toBe(0);
    expect(again.unchanged).toBe(piped.files.length);
  });

  it('goes on from where the last run stopped when the file grows', async () => {
    resetIds();
    const home = tempClaudeHome();
    cleanups.push(() => home.cleanup());
    const whole = longSession(SESSION_A, 1800);
    const cut = whole.indexOf('\n', Math.floor(whole.length / 2)) + 1;
    const path = home.write('-p/' + SESSION_A + '.jsonl', whole.slice(0, cut));
    const pipedStore = tempStore();
    const mainStore = tempStore();
    await importWith(home.configDir, { thread: 'worker' }, pipedStore);
    await importWith(home.configDir, { thread: 'main' }, mainStore);
    writeFileSync(path, whole);
    const piped = await importWith(home.configDir, { thread: 'worker' }, pipedStore);
    const main = await importWith(home.configDir, { thread: 'main' }, mainStore);
    expect(piped.summary.duplicates).toBe(0);
    expect(piped.dump).toEqual(main.dump);
  });

  it('stays a bounded distance ahead of the writes', async () => {
    resetIds();
    const home = tempClaudeHome();
    cleanups.push(() => home.cleanup());
    home.write('-p/' + SESSION_A + '.jsonl', longSession(SESSION_A, 8000));
    const seen: number[] = [];
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const groupKiB = 64;
    const store = tempStore();
    const files = claudeCode.transcripts.discover({
      env: { CLAUDE_CONFIG_DIR: home.configDir },
      cwd: '/',
    });
    // Each write is slowed down, so that a worker without back-pressure would be far ahead.
    const summary = await importHistoryPiped(
      store,
      claudeCode,
      files,
      () => void Atomics.wait(pause, 0, 0, 400),
      {},
      { thread: 'worker', groupKiB, observe: (kib) => seen.push(kib) },
    );
    expect(summary.imported).toBeGreaterThan(30_000);
    expect(seen.length).toBeGreaterThan(5);
    // At most the allowance (twice a group) and one batch of about 4,000 lines over it.
    const batchKiB = Math.ceil((4100 * 500) / 1024);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2 * groupKiB + batchKiB);
  });

  it('ends with one line naming the worker when the worker fails, and writes nothing', async () => {
    const home = tempClaudeHome();
    cleanups.push(() => home.cleanup());
    home.write('-p/' + SESSION_A + '.jsonl', longSession(SESSION_A, 20));
    const dir = mkdtempSync(join(tmpdir(), 'baton-worker-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const script = join(dir, 'worker.mjs');
    writeFileSync(script, "throw new Error('cannot start: no such thing\\n    at somewhere');\n");
    const store = tempStore();
    const run = importWith(
      home.configDir,
      { thread: 'worker', workerUrl: new URL(`file://${script}`) },
      store,
    );
    await expect(run).rejects.toThrow(
      /^the transcript import's worker failed: cannot start: no such thing$/,
    );
    expect(store.events.count()).toBe(0);
    writeFileSync(script, 'process.exit(3);\n');
    await expect(
      importWith(
        home.configDir,
        { thread: 'worker', workerUrl: new URL(`file://${script}`) },
        store,
      ),
    ).rejects.toThrow(
      "the transcript import's worker failed: the import's worker stopped early (exit code 3)",
    );
  });
});

describe.skipIf(!FIXTURES)('the transcript import on a worker, over the real transcripts', () => {
  it('stores exactly what the single-thread import stores', async () => {
    const configDir = join(FIXTURES!, 'claude-code');
    const main = await importWith(configDir, { thread: 'main' });
    const piped = await importWith(configDir, { thread: 'worker' });
    expect(main.dump.events.length).toBeGreaterThan(500);
    expect(piped.summary).toEqual(main.summary);
    expect(piped.dump).toEqual(main.dump);
  });
});
