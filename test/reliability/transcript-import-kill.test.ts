// `baton import` of Claude Code history large enough to run on the import's worker, killed with
// SIGKILL after its first transaction committed: the next run goes on from the saved cursors, and
// the store ends equal to a clean import of the same files — nothing lost, nothing twice.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import { BATON_BIN, runBaton, tempHome } from '../e2e/run-baton.js';
import { assistant, jsonl, prompt, text, toolResult, toolUse } from '../helpers/claude-records.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A session of `turns` prompts, answers, tool calls and results (about 1.4 KB a turn). */
function session(id: string, turns: number): string {
  const records: unknown[] = [];
  const tag = id.slice(0, 8);
  for (let i = 0; i < turns; i++) {
    records.push(
      prompt(`step ${i} of ${tag}: ${'describe the change '.repeat(20)}`, { sessionId: id }),
    );
    records.push(
      assistant(
        `msg_${tag}_${i}`,
        [text(`reading ${i}`), toolUse(`toolu_${tag}_${i}`, 'Read', { file_path: `/p/f${i}.ts` })],
        {
          sessionId: id,
        },
      ),
    );
    records.push(
      toolResult(`toolu_${tag}_${i}`, `export const v${i} = ${i};`, { extra: { sessionId: id } }),
    );
  }
  return jsonl(records);
}

const SESSIONS = [
  'a1a1a1a1-0000-4000-8000-000000000001',
  'b2b2b2b2-0000-4000-8000-000000000002',
  'c3c3c3c3-0000-4000-8000-000000000003',
];

/** The history: three files of about 11 MB, two of the import's transactions (16 MiB each). */
const HISTORY = SESSIONS.map((id) => session(id, 7000));

function homeWithHistory(): string {
  const { home, cleanup } = tempHome();
  cleanups.push(cleanup);
  const dir = join(home, '.claude', 'projects', '-p');
  mkdirSync(dir, { recursive: true });
  SESSIONS.forEach((id, i) => writeFileSync(join(dir, `${id}.jsonl`), HISTORY[i]!));
  return home;
}

/** The store's events in journal order, as the sessions' own ids and refs name them. */
function stored(home: string) {
  const store = SqliteStore.open({ path: join(home, 'baton.db'), readonly: true });
  try {
    const key = new Map(store.sessions.list({ limit: 100 }).map((s) => [s.id, s.agentSessionId]));
    return [...store.events.iterate({})].map((e) => ({
      session: key.get(e.sessionId),
      ref: e.ref,
      kind: e.kind,
      text: e.text,
      raw: store.events.raw(e.seq),
    }));
  } finally {
    store.close();
  }
}

function eventCount(home: string): number {
  try {
    const store = SqliteStore.open({ path: join(home, 'baton.db'), readonly: true });
    try {
      return store.events.count();
    } finally {
      store.close();
    }
  } catch {
    return 0;
  }
}

describe('a transcript import killed with SIGKILL mid-run', () => {
  it('ends, after a re-run, equal to a clean import', async () => {
    const clean = homeWithHistory();
    expect(runBaton(['import', 'claude-code'], { home: clean }).code).toBe(0);
    const expected = stored(clean);
    expect(expected.length).toBeGreaterThan(40_000);

    const killed = homeWithHistory();
    const child = spawn(process.execPath, [BATON_BIN, 'import', 'claude-code'], {
      cwd: killed,
      env: { PATH: process.env.PATH, HOME: killed, BATON_HOME: killed, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    let finished = false;
    void exited.then(() => (finished = true));
    // Killed as soon as a first transaction is visible, while the rest is still being read.
    let seen = 0;
    while (!finished && (seen = eventCount(killed)) === 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(seen).toBeGreaterThan(0);
    // What the killed run committed (it may have committed more before the signal landed).
    const kept = eventCount(killed);
    expect(kept).toBeLessThan(expected.length);

    const rerun = runBaton(['import', 'claude-code', '--json'], { home: killed });
    expect(rerun.code).toBe(0);
    const report = JSON.parse(rerun.stdout) as {
      agents: { imported: number; duplicates: number }[];
    };
    expect(report.agents[0]!.duplicates).toBe(0);
    expect(report.agents[0]!.imported).toBe(expected.length - kept);
    expect(stored(killed)).toEqual(expected);
  }, 240_000);
});
