// Pins that a tool call precedes its result in the journal whatever order the hook processes,
// the drains and the transcript sweep ran in. Claude Code runs a tool's Pre and Post hooks as
// separate async processes: under load the call's process may spool only after a drain has
// already replayed the result, or a second drainer may claim the result while the first still
// holds the call; the transcript sweep that follows must not then add the call after its result.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
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
import { fixedClock } from '../../core/index.js';
import { SqliteStore, storePath } from '../../store/index.js';
import { handleClaudeHook } from '../claude-code/hook-handler.js';
import { importClaudeTranscript } from '../claude-code/import-transcript.js';
import type { HookDeps, HookWorld } from './hook-runtime.js';
import { runHook } from './hook-runtime.js';
import { drainSpool } from './spool-drain.js';
import { spoolHook } from './spool-write.js';

let home: ReturnType<typeof tempClaudeHome>;
const T = Date.parse('2026-03-04T11:00:00Z');
const transcript = () => join(home.projects, '-p', `${SESSION}.jsonl`);

const world = (now: number): HookWorld => ({
  env: {},
  stdout: new Writable({ write: (_c, _e, done) => done() }),
  stderr: new Writable({ write: (_c, _e, done) => done() }),
  clock: fixedClock(now),
  home: home.root,
  pid: 4242,
});

const deps = (): HookDeps => ({
  handler: handleClaudeHook,
  openStore: () => SqliteStore.open({ path: storePath(home.root) }),
  brief: () => '',
});

const payload = (event: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    session_id: SESSION,
    transcript_path: transcript(),
    cwd: '/nonexistent/p',
    hook_event_name: event,
    ...extra,
  });

const BASH = { command: 'echo hi' };
const pre = () =>
  payload('PreToolUse', { tool_name: 'Bash', tool_input: BASH, tool_use_id: 'toolu_1' });
const post = () =>
  payload('PostToolUse', {
    tool_name: 'Bash',
    tool_input: BASH,
    tool_use_id: 'toolu_1',
    tool_response: { stdout: 'hi', stderr: '' },
  });
const failure = () =>
  payload('PostToolUseFailure', {
    tool_name: 'Bash',
    tool_input: { command: 'false' },
    tool_use_id: 'toolu_2',
    error: 'Exit code 1',
    is_interrupt: false,
  });

/** The tool events in journal order, as `kind ref`, plus how many there are of each ref. */
function journal(): string[] {
  const store = SqliteStore.open({ path: storePath(home.root) });
  try {
    return store.events
      .list({})
      .filter((e) => e.kind === 'tool_call' || e.kind === 'tool_result' || e.kind === 'error')
      .map((e) => `${e.kind} ${e.ref}`);
  } finally {
    store.close();
  }
}

beforeEach(() => {
  resetIds();
  home = tempClaudeHome();
});
afterEach(() => home.cleanup());

describe('a tool pair whose hooks raced', () => {
  it('is stored call first when a drain replays the result before the call was spooled', async () => {
    spoolHook(home.root, 'claude-code', post(), T + 50, 2);
    spoolHook(home.root, 'claude-code', failure(), T + 60, 3);
    // Stop drains now: the call's hook process has not written its file yet.
    await runHook('claude-code', payload('Stop'), world(T + 100), deps());
    spoolHook(home.root, 'claude-code', pre(), T + 150, 1);
    await runHook(
      'claude-code',
      payload('SessionEnd', { reason: 'other' }),
      world(T + 200),
      deps(),
    );
    expect(journal()).toEqual([
      'tool_call tool_use:toolu_1',
      'tool_result tool_result:toolu_1',
      'tool_call tool_use:toolu_2',
      'error tool_result:toolu_2',
    ]);
  });

  it('keeps what the call said when the result came first: its input and its tool', async () => {
    spoolHook(home.root, 'claude-code', post(), T + 50, 2);
    await runHook('claude-code', payload('Stop'), world(T + 100), deps());
    const store = SqliteStore.open({ path: storePath(home.root) });
    try {
      const call = store.events.list({ kinds: ['tool_call'] })[0]!;
      expect(call.tool).toBe('Bash');
      expect(call.text).toContain('echo hi');
      expect(call.data).toMatchObject({ toolUseId: 'toolu_1', input: BASH });
    } finally {
      store.close();
    }
  });

  it('is stored call first when two drainers each claimed one side', async () => {
    const call = spoolHook(home.root, 'claude-code', pre(), T + 10, 1);
    spoolHook(home.root, 'claude-code', post(), T + 20, 2);
    // A live drainer (this process) has claimed the call and not replayed it yet.
    const claimed = `${call}.claimed-${process.pid}`;
    renameSync(call, claimed);
    const store = SqliteStore.open({ path: storePath(home.root) });
    try {
      const other = await drainSpool(store, home.root, { env: {}, brief: () => '' }, 4242);
      expect(other.replayed).toBe(1); // The result alone.
      // The first drainer now replays the call it held.
      renameSync(claimed, call);
      await drainSpool(store, home.root, { env: {}, brief: () => '' }, process.pid);
    } finally {
      store.close();
    }
    expect(journal()).toEqual(['tool_call tool_use:toolu_1', 'tool_result tool_result:toolu_1']);
  });

  it('is stored call first when the transcript sweep runs between the result and the call', async () => {
    home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([
        prompt('say hi'),
        assistant('m1', [text('running'), toolUse('toolu_1', 'Bash', BASH)]),
        toolResult('toolu_1', 'hi'),
        assistant('m2', [text('done')]),
      ]),
    );
    spoolHook(home.root, 'claude-code', post(), T + 50, 2);
    // Stop drains the result, then sweeps the transcript, which holds the call too.
    await runHook('claude-code', payload('Stop'), world(T + 100), deps());
    spoolHook(home.root, 'claude-code', pre(), T + 150, 1);
    await runHook(
      'claude-code',
      payload('SessionEnd', { reason: 'other' }),
      world(T + 200),
      deps(),
    );
    expect(journal()).toEqual(['tool_call tool_use:toolu_1', 'tool_result tool_result:toolu_1']);
    const store = SqliteStore.open({ path: storePath(home.root) });
    try {
      const again = importClaudeTranscript(store, { path: transcript(), role: 'session' });
      expect(again.imported).toBe(0);
    } finally {
      store.close();
    }
    rmSync(transcript());
  });
});

describe('a prompt whose async hook ran after the transcript sweep', () => {
  const typed = (text: string) => payload('UserPromptSubmit', { prompt: text });
  const prompts = (): string[] => {
    const store = SqliteStore.open({ path: storePath(home.root) });
    try {
      return store.events.list({ kinds: ['user_message'] }).map((e) => e.text ?? '');
    } finally {
      store.close();
    }
  };

  it('is stored once: the sweep’s copy does not shift the hook’s occurrence number', async () => {
    home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('say hi'), assistant('m1', [text('hi')])]));
    // Stop sweeps the transcript before the prompt's hook process has spooled its payload.
    await runHook('claude-code', payload('Stop'), world(T + 100), deps());
    spoolHook(home.root, 'claude-code', typed('say hi'), T + 150, 1);
    await runHook(
      'claude-code',
      payload('SessionEnd', { reason: 'other' }),
      world(T + 200),
      deps(),
    );
    expect(prompts()).toEqual(['say hi']);
  });

  it('still keeps a prompt typed twice twice, whichever side stored it first', async () => {
    home.write(
      `-p/${SESSION}.jsonl`,
      jsonl([
        prompt('again'),
        assistant('m1', [text('one')]),
        prompt('again'),
        assistant('m2', [text('two')]),
      ]),
    );
    spoolHook(home.root, 'claude-code', typed('again'), T + 50, 1);
    await runHook('claude-code', payload('Stop'), world(T + 100), deps());
    spoolHook(home.root, 'claude-code', typed('again'), T + 150, 2);
    await runHook(
      'claude-code',
      payload('SessionEnd', { reason: 'other' }),
      world(T + 200),
      deps(),
    );
    expect(prompts()).toEqual(['again', 'again']);
  });
});
