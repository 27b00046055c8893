// Pins what each Claude Code hook event does to the store, that a hook-captured record and the same
// record from the transcript are stored once, the session lifecycle (parents, end reasons), the
// brief on SessionStart, todos from plan tools, and the checkpoint triggers.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CWD,
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
import { fixedClock } from '../../core/index.js';
import { SqliteStore } from '../../store/index.js';
import type { BriefProvider, CaptureTrigger, HookContext } from '../adapter.js';
import { handleClaudeHook } from './hook-handler.js';
import { importClaudeTranscript } from './import-transcript.js';

let home: ReturnType<typeof tempClaudeHome>;
let store: SqliteStore;
let triggers: [CaptureTrigger, string][];
let briefCalls: { source: string; sessionId?: string }[];
const T0 = Date.parse('2026-03-04T12:00:00Z');

const brief: BriefProvider = (_store, project, opts) => {
  briefCalls.push({ source: opts.source, ...(opts.sessionId && { sessionId: opts.sessionId }) });
  return `brief for ${project.name}`;
};

function ctx(now = T0): HookContext {
  return {
    store: () => store,
    clock: fixedClock(now, 1),
    env: {},
    brief,
    onTrigger: (t, s) => void triggers.push([t, s]),
  };
}

const base = (event: string, extra: Record<string, unknown> = {}) => ({
  session_id: SESSION,
  transcript_path: join(home.projects, '-p', `${SESSION}.jsonl`),
  cwd: CWD,
  hook_event_name: event,
  ...extra,
});

const hook = (event: string, extra: Record<string, unknown> = {}, now?: number) =>
  handleClaudeHook(base(event, extra), ctx(now));

beforeEach(() => {
  resetIds();
  home = tempClaudeHome();
  store = SqliteStore.open({ path: join(home.root, 'baton.db') });
  triggers = [];
  briefCalls = [];
});
afterEach(() => {
  store.close();
  home.cleanup();
});

describe('handleClaudeHook', () => {
  it('records a session’s tool calls, results, failures and prompts with the transcript’s refs', async () => {
    await hook('UserPromptSubmit', { prompt: 'run the tests' });
    await hook('PreToolUse', {
      tool_name: 'Bash',
      tool_input: { command: 'npm test' },
      tool_use_id: 'toolu_1',
    });
    await hook('PostToolUse', {
      tool_name: 'Bash',
      tool_input: { command: 'npm test' },
      tool_use_id: 'toolu_1',
      tool_response: { stdout: 'ok', stderr: '' },
    });
    await hook('PreToolUse', {
      tool_name: 'Bash',
      tool_input: { command: 'false' },
      tool_use_id: 'toolu_2',
    });
    await hook('PostToolUseFailure', {
      tool_name: 'Bash',
      tool_input: { command: 'false' },
      tool_use_id: 'toolu_2',
      error: 'Exit code 1',
      is_interrupt: false,
    });
    const events = store.events.list({});
    expect(events.map((e) => [e.kind, e.ref?.replace(/:[0-9a-f]{16}:/, ':H:'), e.source])).toEqual([
      ['user_message', 'prompt:H:0', 'hook'],
      ['tool_call', 'tool_use:toolu_1', 'hook'],
      ['tool_result', 'tool_result:toolu_1', 'hook'],
      ['tool_call', 'tool_use:toolu_2', 'hook'],
      ['error', 'tool_result:toolu_2', 'hook'],
    ]);
    expect(events[2]!.text).toBe('ok');
    expect(store.sessions.get(SESSION)).toMatchObject({
      agent: 'claude-code',
      status: 'active',
      cwd: CWD,
    });
    expect(triggers).toEqual([['error', store.sessions.get(SESSION)!.id]]);
  });

  it('stores once what both the hook and the transcript saw', async () => {
    await hook('UserPromptSubmit', { prompt: 'same' });
    await hook('PreToolUse', {
      tool_name: 'Read',
      tool_input: { file_path: '/p/a' },
      tool_use_id: 'toolu_9',
    });
    await hook('PostToolUse', {
      tool_name: 'Read',
      tool_input: { file_path: '/p/a' },
      tool_use_id: 'toolu_9',
      tool_response: { content: 'x' },
    });
    await hook('UserPromptSubmit', { prompt: 'same' });
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([
        prompt('same'),
        assistant('m1', [text('reading'), toolUse('toolu_9', 'Read', { file_path: '/p/a' })]),
        toolResult('toolu_9', 'x'),
        prompt('same'),
      ]),
    );
    const r = importClaudeTranscript(store, { path, role: 'session' });
    expect(r).toMatchObject({ imported: 1, duplicates: 4 });
    expect(store.events.list({}).map((e) => `${e.kind}/${e.source}`)).toEqual([
      'user_message/hook',
      'tool_call/hook',
      'tool_result/hook',
      'user_message/hook',
      'assistant_message/transcript',
    ]);
  });

  it('keeps a background task’s notice, which comes as a prompt, apart from what was typed', async () => {
    const notice = '<task-notification>\n<task-id>a1</task-id>\n<status>completed</status>';
    await hook('UserPromptSubmit', { prompt: 'check the greeting in the background' });
    await hook('UserPromptSubmit', { prompt: notice });
    const path = home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([prompt('check the greeting in the background'), prompt(notice)]),
    );
    expect(importClaudeTranscript(store, { path, role: 'session' })).toMatchObject({
      imported: 0,
      duplicates: 2,
    });
    expect(store.events.list({}).map((e) => [e.kind, e.source, e.data?.subtype ?? null])).toEqual([
      ['user_message', 'hook', null],
      ['system', 'hook', 'task_notification'],
    ]);
  });

  it('starts a session with the brief, under Claude Code’s cap, as hookSpecificOutput', async () => {
    const reply = await hook('SessionStart', { source: 'startup', model: 'claude-opus' });
    const out = JSON.parse(reply.stdout!) as {
      hookSpecificOutput: { hookEventName: string; additionalContext: string };
    };
    expect(out.hookSpecificOutput).toEqual({
      hookEventName: 'SessionStart',
      additionalContext: 'brief for project',
    });
    const s = store.sessions.get(SESSION)!;
    expect(briefCalls).toEqual([{ source: 'startup', sessionId: s.id }]);
    expect(s.meta).toMatchObject({ model: 'claude-opus', lastStartSource: 'startup' });
  });

  it('cuts a brief that is too long and prints nothing for an empty one', async () => {
    const long: BriefProvider = () => 'x'.repeat(20_000);
    const reply = await handleClaudeHook(base('SessionStart', { source: 'startup' }), {
      ...ctx(),
      brief: long,
    });
    const context = (
      JSON.parse(reply.stdout!) as { hookSpecificOutput: { additionalContext: string } }
    ).hookSpecificOutput.additionalContext;
    expect(context.length).toBeLessThan(10_000);
    const empty = await handleClaudeHook(
      base('SessionStart', { source: 'startup', session_id: 'other' }),
      { ...ctx(), brief: () => '  ' },
    );
    expect(empty.stdout).toBeUndefined();
  });

  it('links a session started by /clear to the one before it, and ends sessions with their reason', async () => {
    await hook('SessionStart', { source: 'startup' }, T0);
    await hook('SessionEnd', { reason: 'clear' }, T0 + 1000);
    await hook('SessionStart', { source: 'clear', session_id: 'second' }, T0 + 2000);
    const first = store.sessions.get(SESSION)!;
    expect(first).toMatchObject({ status: 'ended', endReason: 'clear', endedAt: T0 + 1000 });
    expect(store.sessions.get('second')).toMatchObject({
      parentId: first.id,
      parentKind: 'clear',
      status: 'active',
    });
    expect(triggers).toEqual([['session_end', first.id]]);
    await hook('SessionStart', { source: 'resume' }, T0 + 3000);
    expect(store.sessions.get(SESSION)).toMatchObject({
      status: 'active',
      endedAt: null,
      parentId: null,
    });
  });

  it('records compaction around its trigger and reads the transcript’s new lines at turn ends', async () => {
    home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([prompt('hello'), assistant('m1', [text('Hi there')])]),
    );
    await hook('PreCompact', { trigger: 'auto', custom_instructions: '' });
    await hook('PostCompact', { trigger: 'auto', compact_summary: 'We fixed the bug.' });
    await hook('Stop', { stop_hook_active: false, last_assistant_message: 'Hi there' });
    const s = store.sessions.get(SESSION)!;
    expect(triggers).toEqual([['pre_compaction', s.id]]);
    const events = store.events.list({ sessionId: s.id });
    expect(events.filter((e) => e.kind === 'compaction').map((e) => e.data?.phase)).toEqual([
      'pre',
      'post',
    ]);
    expect(events.map((e) => e.kind)).toContain('assistant_message');
  });

  it('gives subagents their own session under the parent, ended by SubagentStop', async () => {
    await hook('SessionStart', { source: 'startup' });
    await hook('SubagentStart', { agent_id: 'a1', agent_type: 'Explore' });
    await hook('PreToolUse', {
      agent_id: 'a1',
      agent_type: 'Explore',
      tool_name: 'Glob',
      tool_input: { pattern: '*' },
      tool_use_id: 'toolu_s',
    });
    await hook('SubagentStop', {
      agent_id: 'a1',
      agent_type: 'Explore',
      agent_transcript_path: '/nonexistent.jsonl',
    });
    const parent = store.sessions.get(SESSION)!;
    const sub = store.sessions.get(`${SESSION}/agent-a1`)!;
    expect(sub).toMatchObject({
      parentId: parent.id,
      parentKind: 'subagent',
      status: 'ended',
      endReason: 'subagent_stop',
    });
    expect(sub.meta).toMatchObject({ agentId: 'a1', agentType: 'Explore' });
    expect(store.events.list({ sessionId: sub.id, kinds: ['tool_call'] })).toHaveLength(1);
  });

  it("takes at SessionEnd what a subagent's transcript gained after its SubagentStop", async () => {
    const sub = (records: unknown[]) =>
      jsonl(records.map((r) => ({ ...(r as object), isSidechain: true, agentId: 'a1' })));
    const subPath = home.write(`-p/${SESSION}/subagents/agent-a1.jsonl`, sub([prompt('look')]));
    home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('delegate')]));
    await hook('SessionStart', { source: 'startup' });
    await hook('SubagentStop', { agent_id: 'a1', agent_transcript_path: subPath });
    // Written by Claude Code once the hook has answered, after the hook's sweep.
    home.write(
      `-p/${SESSION}/subagents/agent-a1.jsonl`,
      sub([prompt('look')]) + sub([assistant('msg_late', [text('found it')])]),
    );
    await hook('SessionEnd', { reason: 'other' });
    const subSession = store.sessions.get(`${SESSION}/agent-a1`)!;
    const texts = store.events
      .list({ sessionId: subSession.id, kinds: ['assistant_message'] })
      .map((e) => e.text);
    expect(texts).toEqual(['found it']);
  });

  it('keeps the plan: TodoWrite and Task results update todos, completion triggers a checkpoint', async () => {
    const todos = [
      { content: 'Write the parser', status: 'completed', activeForm: 'Writing the parser' },
      { content: 'Write the docs', status: 'pending', activeForm: 'Writing the docs' },
    ];
    await hook('PostToolUse', {
      tool_name: 'TodoWrite',
      tool_input: { todos },
      tool_use_id: 'toolu_t',
      tool_response: { oldTodos: [], newTodos: todos },
    });
    await hook('PostToolUse', {
      tool_name: 'TaskCreate',
      tool_input: { subject: 'Review', description: 'r', activeForm: 'Reviewing' },
      tool_use_id: 'toolu_c',
      tool_response: { task: { id: '7', subject: 'Review' } },
    });
    const s = store.sessions.get(SESSION)!;
    expect(store.todos.list({ projectId: s.projectId! }).map((t) => [t.content, t.status])).toEqual(
      [
        ['Write the parser', 'completed'],
        ['Write the docs', 'pending'],
        ['Review', 'pending'],
      ],
    );
    expect(triggers).toEqual([['todo_completed', s.id]]);
    await hook('PostToolUse', {
      tool_name: 'TodoWrite',
      tool_input: { todos },
      tool_use_id: 'toolu_t',
      tool_response: { newTodos: todos },
    });
    expect(triggers).toHaveLength(1);
  });

  it('records an unknown event whole instead of rejecting it', async () => {
    await hook('FutureEvent', { something: 1 });
    const [e] = store.events.list({});
    expect(e).toMatchObject({ kind: 'system', data: { hook: 'FutureEvent', unknown: true } });
    expect(store.events.raw(e!.seq)).toContain('"something":1');
  });

  it('rejects payloads it cannot attribute, without touching the store', async () => {
    await expect(handleClaudeHook('not an object', ctx())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(handleClaudeHook({ hook_event_name: 'PreToolUse' }, ctx())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(store.events.count()).toBe(0);
  });
});
