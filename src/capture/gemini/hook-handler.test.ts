// Pins `baton hook gemini` end to end on a real store: SessionStart, BeforeAgent (the prompt),
// AfterTool and AfterAgent reading the chat file (tool calls by their ids, once), a rewind kept
// as rewound, SessionEnd ending the session, and nothing on stdout but SessionStart's JSON.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/index.js';
import { hookContext } from '../testing/hook-context.js';
import { handleGeminiHook } from './hook-handler.js';

const SESSION = '7f3c2a10-1111-4222-8333-444455556666';
const line = (v: unknown) => `${JSON.stringify(v)}\n`;

describe('baton hook gemini', () => {
  let dir: string;
  let store: SqliteStore;
  let project: string;
  let chat: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-gemini-hook-'));
    project = join(dir, 'app');
    mkdirSync(project);
    const chats = join(dir, '.gemini', 'tmp', 'app', 'chats');
    mkdirSync(chats, { recursive: true });
    writeFileSync(join(dir, '.gemini', 'tmp', 'app', '.project_root'), project);
    chat = join(chats, `session-2026-09-01T10-00-${SESSION.slice(0, 8)}.jsonl`);
    store = SqliteStore.open({ path: join(dir, 'baton.db') });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records prompts from the hook and tool calls from the chat, each once', async () => {
    const ctx = hookContext(store, { HOME: dir });
    const base = {
      session_id: SESSION,
      cwd: project,
      transcript_path: chat,
      timestamp: '2026-09-01T10:00:00Z',
    };
    writeFileSync(
      chat,
      line({
        sessionId: SESSION,
        projectHash: 'x',
        startTime: '2026-09-01T10:00:00Z',
        lastUpdated: '2026-09-01T10:00:00Z',
        kind: 'main',
      }),
    );
    expect(
      (await handleGeminiHook({ ...base, hook_event_name: 'SessionStart', source: 'startup' }, ctx))
        .stdout,
    ).toBeUndefined();
    await handleGeminiHook(
      { ...base, hook_event_name: 'BeforeAgent', prompt: 'rename the config loader' },
      ctx,
    );
    appendFileSync(
      chat,
      line({
        id: 'u1',
        timestamp: '2026-09-01T10:00:01Z',
        type: 'user',
        content: [{ text: 'rename the config loader' }],
      }),
    );
    const reply = {
      id: 'g1',
      timestamp: '2026-09-01T10:00:02Z',
      type: 'gemini',
      content: '',
      model: 'gemini-3-pro',
      toolCalls: [
        {
          id: 'tc1',
          name: 'run_shell_command',
          args: { command: 'git mv a.ts b.ts' },
          status: 'executing',
          timestamp: '2026-09-01T10:00:02Z',
        },
      ],
    };
    appendFileSync(chat, line(reply));
    await handleGeminiHook(
      {
        ...base,
        hook_event_name: 'AfterTool',
        tool_name: 'run_shell_command',
        tool_input: { command: 'git mv a.ts b.ts' },
        tool_response: { llmContent: 'ok' },
      },
      ctx,
    );
    appendFileSync(
      chat,
      line({
        ...reply,
        tokens: { input: 10, output: 5, cached: 0, total: 15 },
        toolCalls: [
          {
            ...reply.toolCalls[0],
            status: 'success',
            result: [
              {
                functionResponse: {
                  id: 'tc1',
                  name: 'run_shell_command',
                  response: { output: 'ok' },
                },
              },
            ],
          },
        ],
      }),
    );
    appendFileSync(
      chat,
      line({ id: 'g2', timestamp: '2026-09-01T10:00:03Z', type: 'gemini', content: 'Renamed.' }),
    );
    appendFileSync(chat, line({ $rewindTo: 'g2' }));
    expect(
      (
        await handleGeminiHook(
          {
            ...base,
            hook_event_name: 'AfterAgent',
            prompt: 'rename the config loader',
            prompt_response: 'Renamed.',
            stop_hook_active: false,
          },
          ctx,
        )
      ).stdout,
    ).toBeUndefined();
    await handleGeminiHook({ ...base, hook_event_name: 'SessionEnd', reason: 'exit' }, ctx);

    const [session] = store.sessions.list({ agent: 'gemini' });
    expect(session!.status).toBe('ended');
    expect(session!.endReason).toBe('exit');
    expect(store.projects.get(session!.projectId!)!.root).toBe(project);
    const kinds = (k: string) => store.events.list({ sessionId: session!.id, kinds: [k as never] });
    expect(kinds('user_message')).toHaveLength(1);
    expect(kinds('tool_call').map((e) => e.ref)).toEqual(['call:tc1']);
    expect(kinds('tool_result').map((e) => [e.ref, e.text])).toEqual([['result:tc1', 'ok']]);
    const replies = kinds('assistant_message');
    expect(replies.map((e) => e.data?.messageId)).toEqual(['g1', 'g2']);
    const rewind = kinds('system').find((e) => e.data?.subtype === 'rewind');
    expect(rewind?.data?.rewound).toEqual(['g2']);
    expect(kinds('system').some((e) => e.data?.subtype === 'message_update')).toBe(true); // g1's tokens and result
  });
});
