// Pins the Codex importer against every real rollout in BATON_REAL_FIXTURES: per file, counts
// derived here from the raw JSON (prompts, assistant messages, tool calls, results, errors, the
// final plan) match what the store holds; every line is kept with its raw record; re-import adds
// nothing; a truncated last line is left for the next run, then read once.
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../core/index.js';
import { tempStore } from '../testing/temp-store.js';
import type { TempStore } from '../testing/temp-store.js';
import { discoverRollouts, importCodexRollout } from './import-rollout.js';

const FIXTURES = process.env.BATON_REAL_FIXTURES;

interface Expected {
  lines: number;
  prompts: number;
  assistant: number;
  calls: number;
  results: number;
  errors: number;
  plan: { step: string; status: string }[] | null;
}

const CALLS = [
  'function_call',
  'custom_tool_call',
  'local_shell_call',
  'tool_search_call',
  'web_search_call',
  'image_generation_call',
];
const OUTPUTS = ['function_call_output', 'custom_tool_call_output', 'tool_search_output'];

/** Counts from the raw lines, written independently of the parser. */
function expectedOf(path: string): Expected {
  const records = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type?: string; payload?: Record<string, unknown> });
  const e: Expected = {
    lines: records.length,
    prompts: 0,
    assistant: 0,
    calls: 0,
    results: 0,
    errors: 0,
    plan: null,
  };
  for (const r of records) {
    const p = r.payload ?? {};
    if (r.type === 'event_msg' && p.type === 'user_message') e.prompts += 1;
    if (r.type === 'event_msg' && (p.type === 'error' || p.type === 'stream_error')) e.errors += 1;
    if (r.type === 'event_msg' && p.type === 'task_complete' && p.error) e.errors += 1;
    if (r.type !== 'response_item') continue;
    if (p.type === 'message' && p.role === 'assistant') e.assistant += 1;
    if (CALLS.includes(p.type as string)) e.calls += 1;
    if (OUTPUTS.includes(p.type as string)) {
      e.results += 1;
      if (exitCode(p.output) !== null && exitCode(p.output) !== 0) e.errors += 1;
    }
    if (p.type === 'function_call' && p.name === 'update_plan') {
      e.plan = (
        JSON.parse(p.arguments as string) as { plan: { step: string; status: string }[] }
      ).plan;
    }
  }
  return e;
}

function exitCode(output: unknown): number | null {
  if (typeof output !== 'string') return null;
  try {
    const meta = (JSON.parse(output) as { metadata?: { exit_code?: number } }).metadata;
    if (typeof meta?.exit_code === 'number') return meta.exit_code;
  } catch {
    // Not JSON: the text may say it.
  }
  const m = /(?:Process exited with code|^Exit code:)\s*(-?\d+)/m.exec(output);
  return m ? Number(m[1]) : null;
}

describe.skipIf(!FIXTURES)('Codex conformance over real rollouts', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore()));
  afterEach(() => t.cleanup());

  const files = FIXTURES
    ? discoverRollouts({ env: { CODEX_HOME: join(FIXTURES, 'codex') }, cwd: FIXTURES }).map(
        (f) => f.path,
      )
    : [];

  it('finds every rollout under $CODEX_HOME/sessions', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  for (const path of files) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    it(`${name}: counts match the raw JSON, nothing lost, nothing duplicated`, () => {
      const e = expectedOf(path);
      const r = importCodexRollout(t.store, { path, role: 'session' });
      expect(r.malformed).toEqual([]);
      expect(r.imported).toBe(e.lines);
      const session = onlySession(t.store.sessions.list());
      const count = (kind: string) =>
        t.store.events.list({ sessionId: session.id, kinds: [kind as never] }).length;
      expect(count('user_message')).toBe(e.prompts);
      expect(count('assistant_message')).toBe(e.assistant);
      expect(count('tool_call')).toBe(e.calls);
      expect(
        count('tool_result') +
          t.store.events
            .list({ sessionId: session.id, kinds: ['error'] })
            .filter((x) => x.data?.callId !== undefined).length,
      ).toBe(e.results);
      expect(count('error')).toBe(e.errors);
      const events = t.store.events.list({ sessionId: session.id });
      expect(events).toHaveLength(e.lines);
      expect(events.every((x) => t.store.events.raw(x.seq) !== null)).toBe(true);
      expect(events.filter((x) => x.kind === 'tool_result').every((x) => x.tool !== null)).toBe(
        true,
      );
      if (e.plan && session.projectId) {
        const todos = t.store.todos.list({ projectId: session.projectId });
        for (const step of e.plan) {
          expect(todos.find((td) => td.content === step.step)?.status).toBe(step.status);
        }
      }
      const again = importCodexRollout(t.store, { path, role: 'session' });
      expect(again.unchanged).toBe(true);
      expect(t.store.events.count({ sessionId: session.id })).toBe(e.lines);
    });

    it(`${name}: a truncated last line waits for the next run and is read once`, () => {
      const copy = join(t.dir, name);
      const text = readFileSync(path, 'utf8');
      const cut = text.lastIndexOf('\n', text.length - 2) + 1;
      const half = cut + Math.floor((text.length - cut) / 2);
      writeFileSync(copy, text.slice(0, half));
      const first = importCodexRollout(t.store, { path: copy, role: 'session' });
      const e = expectedOf(path);
      expect(first.imported).toBe(e.lines - 1);
      appendFileSync(copy, text.slice(half));
      const second = importCodexRollout(t.store, { path: copy, role: 'session' });
      expect(second.imported).toBe(1);
      expect(second.duplicates).toBe(0);
      copyFileSync(path, join(t.dir, `archived-${name}`));
      const archived = importCodexRollout(t.store, {
        path: join(t.dir, `archived-${name}`),
        role: 'session',
      });
      expect(archived.imported).toBe(0); // the same rollout moved to archived_sessions adds nothing
    });
  }
});

describe.skipIf(!FIXTURES)(
  'Codex importer over the schema-coverage catalogue (not agent output)',
  () => {
    it('keeps every record of every newer type, one event per line, unknown ones counted', () => {
      const t = tempStore();
      try {
        const path = join(FIXTURES!, 'not-genuine', 'codex-schema-coverage.jsonl');
        const lines = readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '').length;
        const r = importCodexRollout(t.store, { path, role: 'session' });
        expect(r.malformed).toEqual([]);
        expect(r.imported).toBe(lines);
        expect(t.store.events.count()).toBe(lines);
        expect(Object.values(r.unknownTypes).reduce((a, b) => a + b, 0)).toBe(0);
      } finally {
        t.cleanup();
      }
    });
  },
);

function onlySession(sessions: Session[]): Session {
  expect(sessions).toHaveLength(1);
  return sessions[0]!;
}
