// Pins what SessionStart's read-only brief waits for: this project's payloads up to its last turn
// or session end, or another session's start, spooled before the start (waiting or claimed by a drain), and nothing when only a
// session still working — or another project — has payloads pending.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingPayloads, waitForReplayed, workBeforeBrief } from './spool-pending.js';
import { spoolHook, spooledName } from './spool-write.js';

let home: string;
let here: string;
let elsewhere: string;
let at: number;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-spool-pending-'));
  here = join(home, 'here');
  elsewhere = join(home, 'elsewhere');
  mkdirSync(here);
  mkdirSync(elsewhere);
  at = 1_700_000_000_000;
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const spool = (cwd: string, event: string, agent = 'claude-code') =>
  spooledName(
    spoolHook(
      home,
      agent,
      JSON.stringify({ session_id: 's', cwd, hook_event_name: event }),
      (at += 10),
      1,
    ),
  );
const ofHere = (cwd: string) => cwd === here;

describe('workBeforeBrief', () => {
  it('waits for this project’s payloads up to its last turn end before the start', () => {
    const prompt = spool(here, 'UserPromptSubmit');
    const call = spool(here, 'PreToolUse');
    const stop = spool(here, 'Stop');
    spool(elsewhere, 'Stop');
    const later = spool(here, 'UserPromptSubmit'); // a session still working: not waited for
    const start = spool(here, 'SessionStart');
    spool(here, 'Stop'); // after the start
    const pending = pendingPayloads(home, start);
    expect(pending.map((p) => p.name)).not.toContain(start);
    expect(workBeforeBrief(pending, start, ofHere)).toEqual([prompt, call, stop]);
    expect(workBeforeBrief(pending, start, ofHere)).not.toContain(later);
  });

  it('counts a payload claimed by a running drain, and every agent’s ends', () => {
    const prompt = spool(here, 'BeforeAgent', 'gemini');
    const end = spool(here, 'AfterAgent', 'gemini');
    renameSync(join(home, 'spool', `${end}.hook`), join(home, 'spool', `${end}.hook.claimed-1`));
    const start = spool(here, 'SessionStart', 'gemini');
    expect(workBeforeBrief(pendingPayloads(home), start, ofHere)).toEqual([prompt, end]);
  });

  it('waits for nothing when only prompts and tool calls are pending', () => {
    spool(here, 'UserPromptSubmit');
    spool(here, 'PostToolUse');
    spool(elsewhere, 'SessionEnd');
    spool(elsewhere, 'SessionStart');
    const start = spool(here, 'SessionStart');
    expect(workBeforeBrief(pendingPayloads(home), start, ofHere)).toEqual([]);
    // And so returns at once.
    expect(waitForReplayed(home, [], 60_000)).toBe(true);
  });

  it('waits for another session’s start of this project (a start the shell spooled stays until a drain)', () => {
    const other = spool(here, 'SessionStart');
    const prompt = spool(here, 'UserPromptSubmit', 'codex');
    const start = spool(here, 'SessionStart');
    expect(workBeforeBrief(pendingPayloads(home), start, ofHere)).toEqual([other]);
    expect(workBeforeBrief(pendingPayloads(home), start, ofHere)).not.toContain(prompt);
  });

  it('waitForReplayed is true once the payloads are gone, false at its limit otherwise', () => {
    const stop = spool(here, 'Stop');
    expect(waitForReplayed(home, [stop], 30)).toBe(false);
    rmSync(join(home, 'spool', `${stop}.hook`));
    expect(waitForReplayed(home, [stop], 30)).toBe(true);
  });
});
