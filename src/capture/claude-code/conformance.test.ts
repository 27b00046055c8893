// Conformance over real Claude Code transcripts (BATON_REAL_FIXTURES; CI sets it): for every file,
// counts derived here from the raw JSON — prompts, assistant messages, tool calls, results,
// errors, the final plan — must match what the importer stored; no line may be dropped; and
// reading the file again adds nothing.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   The expected counts are derived from the vendor's JSON read loosely, on purpose without the
   importer's typed readers, so the two cannot share a mistake. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/index.js';
import { discoverTranscripts } from './discover.js';
import { importClaudeTranscript } from './import-transcript.js';

const FIXTURES = process.env.BATON_REAL_FIXTURES;
const ROOT = FIXTURES ? join(FIXTURES, 'claude-code') : '';

type Row = Record<string, any>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.jsonl') ? [p] : [];
  });
}

/** What the raw JSON says, derived without the importer's code. */
function expected(path: string) {
  const rows: Row[] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
  const blocks = (r: Row): Row[] =>
    Array.isArray(r.message?.content) ? (r.message.content as Row[]) : [];
  const typedText = (r: Row): string => {
    const c = r.message?.content;
    if (typeof c === 'string') return c;
    return blocks(r)
      .filter((b) => b.type === 'text' && !String(b.text).trimStart().startsWith('<ide_'))
      .map((b) => b.text as string)
      .join('\n');
  };
  const notTyped =
    /^\s*(<local-command-|<bash-std|<command-name>|<command-message>|<bash-input>|\[Request interrupted by user)/;
  const users = rows.filter((r) => r.type === 'user');
  const prompts = users.filter(
    (r) =>
      !r.isMeta &&
      !r.isCompactSummary &&
      !blocks(r).some((b) => b.type === 'tool_result') &&
      (typedText(r).trim() !== '' || blocks(r).some((b) => b.type === 'image')) &&
      !notTyped.test(typedText(r)),
  ).length;
  const assistants = rows.filter((r) => r.type === 'assistant' && !r.isApiErrorMessage);
  const messageIds = new Set(
    assistants.map((r) => (r.message?.id as string | undefined) ?? `row:${r.uuid}`),
  );
  const toolUses = new Set(
    assistants.flatMap((r) =>
      blocks(r)
        .filter((b) => b.type === 'tool_use')
        .map((b) => b.id as string),
    ),
  );
  const results = users.flatMap((r) => blocks(r).filter((b) => b.type === 'tool_result'));
  const toolErrors = results.filter((b) => b.is_error === true).length;
  const apiErrors =
    rows.filter((r) => r.type === 'system' && (r.subtype === 'api_error' || r.subtype === 'error'))
      .length + rows.filter((r) => r.type === 'assistant' && r.isApiErrorMessage).length;
  return {
    rows: rows.length,
    prompts,
    assistantMessages: messageIds.size,
    toolCalls: toolUses.size,
    toolResults: results.length - toolErrors,
    errors: toolErrors + apiErrors,
    finalTodos: finalPlan(rows, assistants, results),
  };
}

/** The last successful TodoWrite list, and each Task's last status, as content → status. */
function finalPlan(rows: Row[], assistants: Row[], results: Row[]): Map<string, string> {
  const failed = new Set(results.filter((b) => b.is_error).map((b) => b.tool_use_id as string));
  const plan = new Map<string, string>();
  const taskSubjects = new Map<string, string>();
  const created = new Map<string, string>();
  for (const r of rows) {
    const result = r.toolUseResult as Row | undefined;
    if (r.type === 'user' && result?.task?.id !== undefined)
      created.set(String(result.task.id), String(result.task.subject));
  }
  for (const r of assistants) {
    for (const b of (Array.isArray(r.message?.content) ? r.message.content : []) as Row[]) {
      if (b.type !== 'tool_use' || failed.has(b.id)) continue;
      if (b.name === 'TodoWrite') {
        for (const key of [...plan.keys()]) if (key.startsWith('todo:')) plan.delete(key);
        for (const t of (b.input?.todos ?? []) as Row[])
          plan.set(`todo:${t.content}`, t.status as string);
      } else if (b.name === 'TaskUpdate' && b.input?.status) {
        const subject =
          created.get(String(b.input.taskId)) ?? taskSubjects.get(String(b.input.taskId));
        if (subject)
          plan.set(
            `task:${subject}`,
            b.input.status === 'deleted' ? 'cancelled' : (b.input.status as string),
          );
      } else if (b.name === 'TaskCreate') {
        taskSubjects.set(String(taskSubjects.size + 1), b.input?.subject as string);
      }
    }
  }
  for (const [, subject] of created)
    if (!plan.has(`task:${subject}`)) plan.set(`task:${subject}`, 'pending');
  return plan;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshStore(): SqliteStore {
  const dir = mkdtempSync(join(tmpdir(), 'baton-conformance-'));
  dirs.push(dir);
  return SqliteStore.open({ path: join(dir, 'baton.db') });
}

describe.skipIf(!FIXTURES)('Claude Code conformance over the real transcripts', () => {
  const all = FIXTURES ? files(ROOT) : [];

  it('finds every transcript the discovery walks', () => {
    const found = discoverTranscripts({ env: { CLAUDE_CONFIG_DIR: ROOT }, cwd: '/' }).map(
      (f) => f.path,
    );
    expect(found.sort()).toEqual([...all].sort());
    expect(all.length).toBeGreaterThanOrEqual(14);
  });

  for (const path of all) {
    it(`${relative(ROOT, path)}: counts match the raw JSON, nothing dropped, re-read adds nothing`, () => {
      const want = expected(path);
      const store = freshStore();
      try {
        const role = relative(ROOT, path).includes('agent-') ? 'subagent' : 'session';
        const r = importClaudeTranscript(store, { path, role });
        expect(r.malformed).toEqual([]);
        expect(r.lines).toBe(want.rows);
        const count = (kind: string) =>
          store.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE kind = ?', [kind])[0]!
            .n;
        expect(count('user_message')).toBe(want.prompts);
        expect(count('assistant_message')).toBe(want.assistantMessages);
        expect(count('tool_call')).toBe(want.toolCalls);
        expect(count('tool_result')).toBe(want.toolResults);
        expect(count('error')).toBe(want.errors);
        // Every row is kept verbatim on exactly one event (merged assistant rows together).
        let kept = 0;
        for (const e of store.events.iterate({})) {
          const raw = store.events.raw(e.seq);
          if (raw !== null) kept += raw.startsWith('[') ? (JSON.parse(raw) as unknown[]).length : 1;
        }
        expect(kept).toBe(want.rows);
        const todos = new Map(
          store
            .query<{ content: string; status: string; external_key: string }>(
              'SELECT content, status, external_key FROM todos',
            )
            .map((t) => [
              `${t.external_key.includes(':task:') ? 'task' : 'todo'}:${t.content}`,
              t.status,
            ]),
        );
        for (const [key, status] of want.finalTodos) expect(todos.get(key), key).toBe(status);
        for (const [key, status] of todos) {
          if (!want.finalTodos.has(key)) expect(['completed', 'cancelled'], key).toContain(status);
        }
        const before = store.events.count();
        expect(importClaudeTranscript(store, { path, role })).toMatchObject({
          unchanged: true,
          imported: 0,
        });
        store.database.prepare('UPDATE import_cursors SET fingerprint = NULL').run();
        expect(importClaudeTranscript(store, { path, role })).toMatchObject({
          imported: 0,
          unchanged: false,
        });
        expect(store.events.count()).toBe(before);
      } finally {
        store.close();
      }
    });
  }

  it('imports the whole folder into one store with subagents linked, and a second run adds nothing', () => {
    const store = freshStore();
    try {
      const found = discoverTranscripts({ env: { CLAUDE_CONFIG_DIR: ROOT }, cwd: '/' });
      const imported = found.reduce((n, f) => n + importClaudeTranscript(store, f).imported, 0);
      expect(imported).toBeGreaterThan(800);
      const subagents = store.sessions.list({}).filter((s) => s.parentKind === 'subagent');
      expect(subagents).toHaveLength(4);
      for (const s of subagents)
        expect(store.sessions.get(s.parentId!)?.agentSessionId).toBe(
          s.agentSessionId!.split('/')[0],
        );
      expect(found.reduce((n, f) => n + importClaudeTranscript(store, f).imported, 0)).toBe(0);
    } finally {
      store.close();
    }
  });
});
