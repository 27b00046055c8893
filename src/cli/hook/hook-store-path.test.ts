// SessionStart's brief read while the spool's worker commits that very start: the brief reads one
// snapshot of the store, so it either knows the new session (and leaves it out) or does not see
// it at all — it never describes the session asking for it instead of the one before.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBriefHook } from '../../capture/index.js';
import type { BriefProvider, HookWorld } from '../../capture/index.js';
import { systemClock } from '../../core/index.js';
import { wiredBrief } from '../capture-wiring.js';
import { openHookSnapshot, runStoreHook } from './hook-store-path.js';

let root: string;
let cwd: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-hook-snapshot-'));
  cwd = join(root, 'shop');
  mkdirSync(cwd);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function world(): HookWorld & { out: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return {
    env: {},
    stdout,
    stderr: new PassThrough(),
    clock: systemClock,
    home: join(root, 'home'),
    pid: process.pid,
    out: () => text,
  };
}

const payload = (session: string, fields: Record<string, unknown>) =>
  JSON.stringify({
    session_id: session,
    cwd,
    transcript_path: join(root, 'none.jsonl'),
    ...fields,
  });

describe('SessionStart brief from a snapshot', () => {
  it('describes the previous session even when this start is committed while it reads', async () => {
    const first = 'aaaaaaaa-0000-4000-8000-000000000001';
    for (const step of [
      { hook_event_name: 'SessionStart', source: 'startup' },
      { hook_event_name: 'UserPromptSubmit', prompt: 'fix the rounding of totals' },
      { hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' },
    ]) {
      expect(await runStoreHook('claude-code', payload(first, step), world())).toBe(0);
    }

    const start = payload('bbbbbbbb-0000-4000-8000-000000000002', {
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    const real = wiredBrief(systemClock, { readOnly: true });
    let committed = false;
    // The worker replays this start between the hook's lookup of its session and the brief.
    const racing: BriefProvider = async (store, project, opts) => {
      if (!committed) {
        committed = true;
        expect(await runStoreHook('claude-code', start, world())).toBe(0);
      }
      return real(store, project, opts);
    };
    const w = world();
    await runBriefHook('claude-code', start, 'not-spooled', w, {
      openSnapshot: () => openHookSnapshot(w),
      brief: racing,
      waitMs: 0,
    });

    expect(committed).toBe(true);
    const brief = (JSON.parse(w.out()) as { hookSpecificOutput: { additionalContext: string } })
      .hookSpecificOutput.additionalContext;
    expect(brief).toContain('fix the rounding of totals');
    expect(brief).toContain('ended (prompt_input_exit)');
    expect(brief).not.toContain('still active');
  });
});
