// Pins that a brief is agent-neutral: in one project, a Gemini CLI session started after a Claude
// Code session is handed Claude's open todos and last prompt, and a Claude Code session started
// after a Gemini CLI (or Codex) session is handed that session's last prompt — through the real
// hook handlers and the brief the CLI wires in.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeCode, codex, gemini } from '../capture/index.js';
import type { HookContext } from '../capture/index.js';
import { fixedClock } from '../core/index.js';
import { SqliteStore } from '../store/index.js';
import { wiredBrief } from './capture-wiring.js';

function contextOf(brief: string | undefined): string {
  return (
    (JSON.parse(brief ?? '{}') as { hookSpecificOutput?: { additionalContext?: string } })
      .hookSpecificOutput?.additionalContext ?? ''
  );
}

describe('the brief across agents', () => {
  let dir: string;
  let project: string;
  let store: SqliteStore;
  let ctx: HookContext;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-cross-agent-'));
    project = join(dir, 'shop');
    mkdirSync(project);
    store = SqliteStore.open({ path: join(dir, 'baton.db') });
    const clock = fixedClock(1_790_000_000_000, 60_000);
    ctx = { store: () => store, clock, env: { HOME: dir }, brief: wiredBrief(clock) };
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("Gemini CLI after Claude Code gets Claude's open todos and last prompt", async () => {
    const claude = {
      session_id: 'claude-1',
      cwd: project,
      transcript_path: join(dir, 'none.jsonl'),
    };
    await claudeCode.hook({ ...claude, hook_event_name: 'SessionStart', source: 'startup' }, ctx);
    await claudeCode.hook(
      { ...claude, hook_event_name: 'UserPromptSubmit', prompt: 'add coupon codes to checkout' },
      ctx,
    );
    const todos = [
      {
        content: 'Validate coupon codes',
        status: 'in_progress',
        activeForm: 'Validating coupon codes',
      },
      {
        content: 'Show the discount in the cart',
        status: 'pending',
        activeForm: 'Showing the discount',
      },
    ];
    await claudeCode.hook(
      {
        ...claude,
        hook_event_name: 'PostToolUse',
        tool_name: 'TodoWrite',
        tool_use_id: 'toolu_1',
        tool_input: { todos },
        tool_response: { oldTodos: [], newTodos: todos },
      },
      ctx,
    );
    await claudeCode.hook(
      { ...claude, hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' },
      ctx,
    );

    const reply = await gemini.hook(
      {
        session_id: 'gem-1',
        cwd: project,
        transcript_path: join(dir, 'none.jsonl'),
        hook_event_name: 'SessionStart',
        source: 'startup',
        timestamp: '2026-09-01T10:00:00Z',
      },
      ctx,
    );
    const brief = contextOf(reply.stdout);
    expect(brief).toContain('Validate coupon codes');
    expect(brief).toContain('Show the discount in the cart');
    expect(brief).toContain('add coupon codes to checkout');
  });

  it("Claude Code after Gemini CLI gets Gemini's last prompt; Codex after it sees the same project", async () => {
    const gem = {
      session_id: 'gem-2',
      cwd: project,
      transcript_path: join(dir, 'none.jsonl'),
      timestamp: '2026-09-01T10:00:00Z',
    };
    await gemini.hook({ ...gem, hook_event_name: 'SessionStart', source: 'startup' }, ctx);
    await gemini.hook(
      { ...gem, hook_event_name: 'BeforeAgent', prompt: 'migrate orders to the new schema' },
      ctx,
    );
    await gemini.hook({ ...gem, hook_event_name: 'SessionEnd', reason: 'exit' }, ctx);

    const reply = await claudeCode.hook(
      {
        session_id: 'claude-2',
        cwd: project,
        transcript_path: join(dir, 'none.jsonl'),
        hook_event_name: 'SessionStart',
        source: 'startup',
      },
      ctx,
    );
    expect(contextOf(reply.stdout)).toContain('migrate orders to the new schema');
    const fromCodex = await codex.hook(
      {
        session_id: 'codex-2',
        cwd: project,
        transcript_path: null,
        hook_event_name: 'SessionStart',
        source: 'startup',
        model: 'gpt-5.3-codex',
      },
      ctx,
    );
    expect(contextOf(fromCodex.stdout)).toContain('Baton recovery brief');
  });
});
