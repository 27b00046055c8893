// Pins `baton hook codex` end to end on a real store: a whole session through the hooks (start,
// prompt, tool call and result, stop), then the rollout read at Stop adds only what no hook saw —
// the same prompt and call are stored once — and the plan becomes todos that the next session's
// brief names. `notify` (agent-turn-complete, JSON in argv) finds the rollout by thread id.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/index.js';
import { hookContext } from '../testing/hook-context.js';
import { handleCodexHook } from './hook-handler.js';

const THREAD = '019a0000-1111-7222-8333-444455556666';

function rollout(cwd: string): string {
  const at = (s: number) => `2026-09-01T10:00:${String(s).padStart(2, '0')}.000Z`;
  const lines = [
    {
      timestamp: at(0),
      type: 'session_meta',
      payload: {
        id: THREAD,
        timestamp: at(0),
        cwd,
        originator: 'codex_cli_rs',
        cli_version: '0.130.0',
        git: { branch: 'main' },
      },
    },
    {
      timestamp: at(1),
      type: 'response_item',
      payload: {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: '<environment_context>\n<cwd>x</cwd>\n</environment_context>',
          },
        ],
      },
    },
    {
      timestamp: at(2),
      type: 'event_msg',
      payload: { type: 'user_message', message: 'add a health check' },
    },
    {
      timestamp: at(2),
      type: 'response_item',
      payload: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'add a health check' }],
      },
    },
    {
      timestamp: at(3),
      type: 'response_item',
      payload: {
        type: 'function_call',
        name: 'update_plan',
        arguments: JSON.stringify({
          plan: [
            { step: 'Write /health route', status: 'in_progress' },
            { step: 'Add a test for it', status: 'pending' },
          ],
        }),
        call_id: 'call_plan',
      },
    },
    {
      timestamp: at(3),
      type: 'response_item',
      payload: { type: 'function_call_output', call_id: 'call_plan', output: 'Plan updated' },
    },
    {
      timestamp: at(4),
      type: 'response_item',
      payload: {
        type: 'function_call',
        name: 'exec_command',
        arguments: JSON.stringify({ cmd: 'npm test' }),
        call_id: 'call_1',
      },
    },
    {
      timestamp: at(5),
      type: 'response_item',
      payload: {
        type: 'function_call_output',
        call_id: 'call_1',
        output: 'Process exited with code 1\nOutput:\n1 failing',
      },
    },
    {
      timestamp: at(6),
      type: 'response_item',
      payload: {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'The route is written; the test fails.' }],
      },
    },
    {
      timestamp: at(6),
      type: 'event_msg',
      payload: { type: 'agent_message', message: 'The route is written; the test fails.' },
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('baton hook codex', () => {
  let dir: string;
  let store: SqliteStore;
  let project: string;
  let rolloutPath: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-codex-hook-'));
    project = join(dir, 'app');
    mkdirSync(project);
    const day = join(dir, '.codex', 'sessions', '2026', '09', '01');
    mkdirSync(day, { recursive: true });
    rolloutPath = join(day, `rollout-2026-09-01T12-00-00-${THREAD}.jsonl`);
    env = { HOME: dir, CODEX_HOME: join(dir, '.codex') };
    store = SqliteStore.open({ path: join(dir, 'baton.db') });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = () => ({
    session_id: THREAD,
    cwd: project,
    transcript_path: rolloutPath,
    model: 'gpt-5.3-codex',
  });

  it('records a session through its hooks, and the rollout adds only what no hook saw', async () => {
    const ctx = hookContext(store, env);
    const start = await handleCodexHook(
      { ...base(), hook_event_name: 'SessionStart', source: 'startup' },
      ctx,
    );
    expect(start.stdout).toBeUndefined(); // nothing to brief yet
    await handleCodexHook(
      {
        ...base(),
        hook_event_name: 'UserPromptSubmit',
        turn_id: 't1',
        prompt: 'add a health check',
      },
      ctx,
    );
    await handleCodexHook(
      {
        ...base(),
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_use_id: 'call_1',
        tool_input: { command: 'npm test' },
      },
      ctx,
    );
    await handleCodexHook(
      {
        ...base(),
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_use_id: 'call_1',
        tool_input: { command: 'npm test' },
        tool_response: 'Process exited with code 1\nOutput:\n1 failing',
      },
      ctx,
    );
    writeFileSync(rolloutPath, rollout(project));
    const stop = await handleCodexHook(
      {
        ...base(),
        hook_event_name: 'Stop',
        stop_hook_active: false,
        last_assistant_message: 'The route is written; the test fails.',
      },
      ctx,
    );
    expect(stop.stdout).toBe('{}');

    const [session] = store.sessions.list({ agent: 'codex' });
    const kinds = (k: string) => store.events.list({ sessionId: session!.id, kinds: [k as never] });
    expect(kinds('user_message')).toHaveLength(1);
    expect(
      kinds('tool_call')
        .map((e) => e.ref)
        .sort(),
    ).toEqual(['call:call_1', 'call:call_plan']);
    expect(kinds('error').map((e) => e.ref)).toEqual(['result:call_1']);
    expect(kinds('assistant_message')[0]!.text).toBe('The route is written; the test fails.');
    const todos = store.todos.list({ projectId: session!.projectId! });
    expect(todos.map((t) => [t.content, t.status])).toEqual([
      ['Write /health route', 'in_progress'],
      ['Add a test for it', 'pending'],
    ]);

    const next = await handleCodexHook(
      {
        ...base(),
        session_id: 'another-thread',
        hook_event_name: 'SessionStart',
        source: 'startup',
      },
      ctx,
    );
    const out = JSON.parse(next.stdout!) as {
      hookSpecificOutput: { hookEventName: string; additionalContext: string };
    };
    expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
    expect(out.hookSpecificOutput.additionalContext).toContain('Write /health route');
  });

  it("notify (agent-turn-complete) reads the thread's rollout found under $CODEX_HOME", async () => {
    writeFileSync(rolloutPath, rollout(project));
    const ctx = hookContext(store, env);
    await handleCodexHook(
      {
        type: 'agent-turn-complete',
        'thread-id': THREAD,
        'turn-id': 't1',
        cwd: project,
        'input-messages': ['add a health check'],
        'last-assistant-message': 'done',
      },
      ctx,
    );
    const [session] = store.sessions.list({ agent: 'codex' });
    expect(store.events.count({ sessionId: session!.id })).toBe(11); // 10 rollout lines + the notify
    expect(session!.cwd).toBe(project);
  });

  it("notify for a thread with no rollout and no hook of its own records nothing (the TUI's title thread)", async () => {
    await handleCodexHook(
      {
        type: 'agent-turn-complete',
        'thread-id': '0199aaaa-0000-7000-8000-000000000001',
        'turn-id': 't1',
        cwd: project,
        'input-messages': ['Generate a short title for this conversation'],
        'last-assistant-message': 'Health check',
      },
      hookContext(store, env),
    );
    expect(store.sessions.list({ agent: 'codex' })).toEqual([]);
  });

  it('stores a call before its result when the result is replayed first (two drainers raced)', async () => {
    const ctx = hookContext(store, env);
    const tool = { tool_name: 'Bash', tool_use_id: 'call_9', tool_input: { command: 'ls' } };
    await handleCodexHook(
      { ...base(), hook_event_name: 'PostToolUse', ...tool, tool_response: 'a\nb' },
      ctx,
    );
    await handleCodexHook({ ...base(), hook_event_name: 'PreToolUse', ...tool }, ctx);
    const events = store.events.list({}).filter((e) => e.ref?.endsWith('call_9'));
    expect(events.map((e) => [e.kind, e.ref])).toEqual([
      ['tool_call', 'call:call_9'],
      ['tool_result', 'result:call_9'],
    ]);
    expect(events[0]!.data).toMatchObject({ input: { command: 'ls' } });
  });

  it('rejects a payload with no session id (the runtime logs it and exits 0)', async () => {
    await expect(
      handleCodexHook({ hook_event_name: 'Stop' }, hookContext(store, env)),
    ).rejects.toThrow(/session_id/);
  });
});
