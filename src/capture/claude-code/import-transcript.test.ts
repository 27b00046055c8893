// Pins the transcript importer against real files and a real SQLite store: incremental by byte
// offset, a truncated last line left for later, idempotent re-reads, subagents linked to their
// parents in both layouts, and plan tools turned into the project's todos.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SESSION,
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
import { discoverTranscripts } from './discover.js';
import { importClaudeTranscript } from './import-transcript.js';

let home: ReturnType<typeof tempClaudeHome>;
let store: SqliteStore;

beforeEach(() => {
  resetIds();
  home = tempClaudeHome();
  store = SqliteStore.open({ path: join(home.root, 'baton.db') });
});
afterEach(() => {
  store.close();
  home.cleanup();
});

const importPath = (path: string) => importClaudeTranscript(store, { path, role: 'session' });

describe('importClaudeTranscript', () => {
  it('imports a session under its real id, with its project from the cwd', () => {
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([prompt('hello'), assistant('msg_1', [text('hi')])]),
    );
    const r = importPath(path);
    expect(r).toMatchObject({
      lines: 2,
      imported: 2,
      duplicates: 0,
      newSessions: 1,
      malformed: [],
    });
    const s = store.sessions.get(SESSION)!;
    expect(s).toMatchObject({
      agent: 'claude-code',
      agentSessionId: SESSION,
      status: 'ended',
      endReason: 'imported',
      gitBranch: 'main',
      title: 'hello',
    });
    expect(store.projects.get(s.projectId!)).toMatchObject({
      key: 'path:/nonexistent/baton-test/project',
      name: 'project',
    });
    expect(store.events.raw(store.events.list({ sessionId: s.id })[0]!.seq)).toContain('"hello"');
  });

  it('keeps each raw record byte for byte as written, and redacts one that holds a secret', () => {
    // Spacing and escapes JSON.stringify would not reproduce; a merged assistant message keeps
    // its rows as a JSON array of the lines.
    const line = JSON.stringify(prompt('caf\u00e9 au lait'))
      .replace('{', '{ ')
      .replace('é', '\\u00e9');
    const secret = prompt('deploy with OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345');
    const rows = [assistant('msg_1', [text('one')]), assistant('msg_1', [text('two')])];
    const path = home.write(`-p/${SESSION}.jsonl`, `${line}\n${jsonl([secret, ...rows])}`);
    importPath(path);
    const raws = store.events
      .list({ sessionId: store.sessions.get(SESSION)!.id })
      .map((e) => store.events.raw(e.seq));
    expect(raws[0]).toBe(line);
    expect(raws[1]).not.toContain('sk-proj-abcdefghij');
    expect(JSON.parse(raws[1]!)).toMatchObject({ type: 'user', uuid: secret.uuid });
    expect(raws[2]).toBe(`[${rows.map((r) => JSON.stringify(r)).join(',')}]`);
  });

  it('reads only what was appended, and nothing when nothing was', () => {
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('one')]));
    importPath(path);
    expect(importPath(path)).toMatchObject({ unchanged: true, imported: 0 });
    appendFileSync(path, jsonl([prompt('two'), prompt('three')]));
    const r = importPath(path);
    expect(r).toMatchObject({ imported: 2, duplicates: 0, lines: 2 });
    expect(store.events.count()).toBe(3);
  });

  it('leaves a truncated last line for the next run, neither lost nor doubled', () => {
    const whole = JSON.stringify(prompt('second'));
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('first')]) + whole.slice(0, 25));
    expect(importPath(path).imported).toBe(1);
    appendFileSync(path, whole.slice(25) + '\n');
    const r = importPath(path);
    expect(r).toMatchObject({ imported: 1, malformed: [] });
    expect(store.events.list({}).map((e) => e.text)).toEqual(['first', 'second']);
  });

  it('takes a complete last record that lacks only its newline', () => {
    const path = home.write(`-p/${SESSION}.jsonl`, JSON.stringify(prompt('no newline')));
    expect(importPath(path).imported).toBe(1);
    appendFileSync(path, '\n' + JSON.stringify(prompt('next')) + '\n');
    expect(importPath(path)).toMatchObject({ imported: 1, malformed: [] });
  });

  it('re-reads a rewritten file whole and adds only what is new', () => {
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('a'), prompt('b')]));
    importPath(path);
    writeFileSync(path, jsonl([prompt('a'), prompt('c')]).replace('"a"', '"a" '));
    const r = importPath(path);
    expect(r.lines).toBe(2);
    expect(store.events.count()).toBeGreaterThanOrEqual(3);
    expect(store.events.list({}).map((e) => e.text)).toContain('c');
  });

  it('counts malformed lines by number and keeps everything else', () => {
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      `${JSON.stringify(prompt('ok'))}\n{broken\n"just a string"\n${JSON.stringify(prompt('also ok'))}\n`,
    );
    const r = importPath(path);
    expect(r.imported).toBe(2);
    expect(r.malformed.map((m) => [m.line, m.reason])).toEqual([
      [2, 'json'],
      [3, 'not_object'],
    ]);
    appendFileSync(path, '{also broken\n');
    expect(importPath(path).malformed).toEqual([
      expect.objectContaining({ line: 5, reason: 'json' }),
    ]);
  });

  it('joins a result to a call read in an earlier run', () => {
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([assistant('msg_1', [toolUse('toolu_1', 'Grep', { pattern: 'x' })])]),
    );
    importPath(path);
    appendFileSync(path, jsonl([toolResult('toolu_1', 'found')]));
    importPath(path);
    const result = store.events.list({ kinds: ['tool_result'] })[0]!;
    expect(result.tool).toBe('Grep');
  });

  it('links both subagent layouts to their parent session', () => {
    const meta = JSON.stringify({ agentType: 'Explore', description: 'Survey the code' });
    const sub = { isSidechain: true };
    home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('parent')]));
    home.write(
      `-p/${SESSION}/subagents/agent-a1.jsonl`,
      jsonl([prompt('new layout', { ...sub, agentId: 'a1' })]),
    );
    home.write(`-p/${SESSION}/subagents/agent-a1.meta.json`, meta);
    home.write('-p/agent-b2.jsonl', jsonl([prompt('legacy layout', { ...sub, agentId: 'b2' })]));
    const files = discoverTranscripts({ env: { CLAUDE_CONFIG_DIR: home.configDir }, cwd: '/' });
    expect(files.map((f) => f.role)).toEqual(['session', 'subagent', 'subagent']);
    for (const f of files) importClaudeTranscript(store, f);
    const parent = store.sessions.get(SESSION)!;
    const children = store.sessions.list({ parentId: parent.id });
    expect(children.map((c) => [c.agentSessionId, c.parentKind, c.title]).sort()).toEqual([
      [`${SESSION}/agent-a1`, 'subagent', 'Survey the code'],
      [`${SESSION}/agent-b2`, 'subagent', 'legacy layout'],
    ]);
    expect(children.find((c) => c.agentSessionId?.endsWith('a1'))?.meta).toMatchObject({
      agentType: 'Explore',
    });
  });

  it('creates a placeholder parent for a subagent whose parent transcript is absent, filled in later', () => {
    const other = '99999999-2222-3333-4444-555555555555';
    const sub = home.write(
      '-p/agent-c3.jsonl',
      jsonl([prompt('orphan', { isSidechain: true, agentId: 'c3', sessionId: other })]),
    );
    importClaudeTranscript(store, { path: sub, role: 'subagent' });
    const placeholder = store.sessions.get(other)!;
    expect(placeholder.eventCount).toBe(0);
    expect(store.sessions.list({ parentId: placeholder.id })).toHaveLength(1);
    const parentFile = home.write(
      `-p/${other}.jsonl`,
      jsonl([prompt('the parent after all', { sessionId: other })]),
    );
    importPath(parentFile);
    expect(store.sessions.get(other)).toMatchObject({
      id: placeholder.id,
      eventCount: 1,
      title: 'the parent after all',
    });
  });

  it('turns TodoWrite (both schemas) into the project’s todos, cancelling what a later list drops', () => {
    const oldSchema = {
      todos: [
        { id: '1', content: 'Write the test', status: 'in_progress', priority: 'high' },
        { id: '2', content: 'Drop me', status: 'pending', priority: 'low' },
      ],
    };
    const newSchema = {
      todos: [
        { content: 'Write the test', status: 'completed', activeForm: 'Writing the test' },
        { content: 'Ship it', status: 'pending', activeForm: 'Shipping it' },
      ],
    };
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([
        assistant('m1', [toolUse('t1', 'TodoWrite', oldSchema)]),
        toolResult('t1', 'Todos have been modified successfully.'),
        assistant('m2', [toolUse('t2', 'TodoWrite', newSchema)]),
        toolResult('t2', 'Todos have been modified successfully.', {
          toolUseResult: { oldTodos: oldSchema.todos, newTodos: newSchema.todos },
        }),
      ]),
    );
    importPath(path);
    const projectId = store.sessions.get(SESSION)!.projectId!;
    const todos = store.todos
      .list({ projectId })
      .map((t) => [t.content, t.status, t.priority, t.activeForm]);
    expect(todos).toEqual([
      ['Write the test', 'completed', 'high', 'Writing the test'],
      ['Drop me', 'cancelled', 'low', null],
      ['Ship it', 'pending', null, 'Shipping it'],
    ]);
    importPath(path);
    writeFileSync(path, '');
    expect(store.todos.list({ projectId })).toHaveLength(3);
  });

  it('follows TaskCreate, TaskUpdate and TaskList', () => {
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([
        assistant('m1', [
          toolUse('c1', 'TaskCreate', {
            subject: 'Research',
            description: 'd',
            activeForm: 'Researching',
          }),
        ]),
        toolResult('c1', 'Task #1 created', {
          toolUseResult: { task: { id: '1', subject: 'Research' } },
        }),
        assistant('m2', [
          toolUse('c2', 'TaskCreate', {
            subject: 'Merge',
            description: 'd',
            activeForm: 'Merging',
          }),
        ]),
        toolResult('c2', 'Task #2 created', {
          toolUseResult: { task: { id: '2', subject: 'Merge' } },
        }),
        assistant('m3', [toolUse('u1', 'TaskUpdate', { taskId: '1', status: 'completed' })]),
        toolResult('u1', 'Updated', { toolUseResult: { success: true, taskId: '1' } }),
        assistant('m4', [toolUse('u2', 'TaskUpdate', { taskId: '2', status: 'in_progress' })]),
        toolResult('u2', 'failed', { isError: true }),
        assistant('m5', [toolUse('l1', 'TaskList', {})]),
        toolResult('l1', 'list', {
          toolUseResult: { tasks: [{ id: '2', subject: 'Merge', status: 'in_progress' }] },
        }),
      ]),
    );
    importPath(path);
    const projectId = store.sessions.get(SESSION)!.projectId!;
    expect(
      store.todos.list({ projectId }).map((t) => [t.content, t.status, t.externalKey]),
    ).toEqual([
      ['Research', 'completed', `claude-code:${SESSION}:task:1`],
      ['Merge', 'in_progress', `claude-code:${SESSION}:task:2`],
    ]);
  });
});

describe('importClaudeTranscript: a session forked with --fork-session', () => {
  const FORK = '99999999-2222-3333-4444-555555555555';

  it("links the fork to its parent and leaves out the parent's records it copied", () => {
    const parentRecords = [prompt('plan the greeter'), assistant('msg_1', [text('planned')])];
    importPath(home.write(`-p/${SESSION}.jsonl`, jsonl(parentRecords)));
    const copied = parentRecords.map((r) => ({ ...r, sessionId: FORK }));
    const own = [
      prompt('try another wording', { sessionId: FORK }),
      assistant('msg_2', [text('forked')], { sessionId: FORK }),
    ];
    const r = importPath(home.write(`-p/${FORK}.jsonl`, jsonl([...copied, ...own])));
    expect(r.imported).toBe(2);
    const parent = store.sessions.get(SESSION)!;
    const fork = store.sessions.get(FORK)!;
    expect(fork).toMatchObject({ parentId: parent.id, parentKind: 'fork' });
    const prompts = store.events
      .list({ sessionId: fork.id })
      .filter((e) => e.kind === 'user_message')
      .map((e) => e.text);
    expect(prompts).toEqual(['try another wording']);
  });

  it('links nothing when a session only repeats a prompt typed in another one', () => {
    importPath(home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('hello')])));
    importPath(home.write(`-p/${FORK}.jsonl`, jsonl([prompt('hello', { sessionId: FORK })])));
    expect(store.sessions.get(FORK)).toMatchObject({ parentId: null });
  });
});

describe('a long append read over several bounded runs (maxBytes, as the daemon does)', () => {
  it('stores what one run stores, each line once, and says when more is left', () => {
    // About 3 MiB: runs of 1 byte stop at the end of each chunk read (1 MiB).
    const records: unknown[] = [];
    for (let i = 0; i < 1500; i++) {
      const id = `toolu_long_${i}`;
      if (i % 50 === 0) records.push(prompt(`step ${i}`));
      records.push(
        assistant(`msg_long_${i}`, [
          text(`run ${i}`),
          toolUse(id, 'Bash', { command: `echo ${i}` }),
        ]),
      );
      records.push(toolResult(id, `output ${i} `.repeat(120)));
    }
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl(records));
    const runs: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      const r = importClaudeTranscript(store, { path, role: 'session' }, { maxBytes: 1 });
      expect(r.duplicates).toBe(0);
      runs.push(r.more === true);
      if (!r.more) break;
    }
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.slice(0, -1).every(Boolean)).toBe(true);
    expect(runs.at(-1)).toBe(false);

    const whole = SqliteStore.open({ path: join(home.root, 'whole.db') });
    try {
      const r = importClaudeTranscript(whole, { path, role: 'session' });
      expect(r.more).toBeUndefined();
      const stored = (s: SqliteStore) =>
        s.events
          .list({})
          .map((e) => [e.kind, e.role, e.tool, e.text, e.data, e.ref, e.ts, s.events.raw(e.seq)]);
      const bounded = stored(store);
      expect(bounded.length).toBe(r.imported);
      expect(bounded).toEqual(stored(whole));
      expect(store.sessions.get(SESSION)).toMatchObject({
        eventCount: r.imported,
        title: whole.sessions.get(SESSION)!.title,
      });
    } finally {
      whole.close();
    }
  });
});
