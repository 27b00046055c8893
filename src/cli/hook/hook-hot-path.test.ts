// Pins the hot path's decision: a hot event of a known agent is spooled as is, and anything else
// (a lifecycle event, an unknown agent, a payload that is not JSON, spooling off) is left to the
// full hook untouched; a spool that cannot be written throws for the full hook to handle.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSpooled, releaseWorkerLock, takeWorkerLock } from '../../capture/index.js';
import { spoolHotEvent } from './hook-hot-path.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-hot-path-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const payload = (event: string) =>
  JSON.stringify({ session_id: 's1', hook_event_name: event, tool_name: 'Bash' });
const spooled = () => {
  try {
    return readdirSync(join(home, 'spool')).filter((f) => f.endsWith('.hook'));
  } catch {
    return [];
  }
};

describe('spoolHotEvent', () => {
  it('spools a hot event under BATON_HOME, stamped with the time it arrived', () => {
    const text = payload('PreToolUse');
    expect(spoolHotEvent('claude-code', text, { BATON_HOME: home }, 1_700_000_000_000, 42)).toBe(
      true,
    );
    const [file] = spooled();
    expect(file).toMatch(/^1700000000000-42-/);
    const stored = readFileSync(join(home, 'spool', file!), 'utf8');
    expect(stored).not.toContain(text); // Encrypted at rest.
    expect(openSpooled(home, stored)).toEqual({
      agent: 'claude-code',
      receivedAt: 1_700_000_000_000,
      payload: JSON.parse(text) as unknown,
    });
  });

  it.each([
    ['a lifecycle event', 'claude-code', payload('SessionStart'), {}],
    ['an unknown agent', 'nobody', payload('PreToolUse'), {}],
    ['a payload that is not JSON', 'claude-code', 'not json', {}],
    ['a JSON array', 'claude-code', '[]', {}],
    ['spooling turned off', 'claude-code', payload('PreToolUse'), { BATON_HOOK_SPOOL: '0' }],
  ])('leaves %s to the full hook and writes nothing', (_what, agent, text, env) => {
    expect(spoolHotEvent(agent, text, { BATON_HOME: home, ...env }, 1, 42)).toBe(false);
    expect(spooled()).toEqual([]);
  });

  it('starts a worker for a turn end, unless a live worker holds the drain lock', () => {
    const script = join(home, 'worker.cjs'); // stands in for Baton's launcher: exits at once
    writeFileSync(script, '');
    const workers = () => {
      try {
        return readdirSync(join(home, 'spool', 'workers'));
      } catch {
        return [];
      }
    };
    const env = { BATON_HOME: home };
    // Another live process (this test's parent) holds the lock: it drains the payload itself.
    expect(takeWorkerLock(home, process.ppid)).toBe(true);
    expect(spoolHotEvent('claude-code', payload('Stop'), env, 1, 42, script)).toBe(true);
    expect(spooled()).toHaveLength(1);
    expect(workers()).toEqual([]);
    releaseWorkerLock(home);
    expect(spoolHotEvent('claude-code', payload('Stop'), env, 2, 42, script)).toBe(true);
    expect(spooled()).toHaveLength(2);
    expect(workers()).toHaveLength(1);
  });

  it('throws when the spool cannot be written', () => {
    const file = join(home, 'not-a-folder');
    writeFileSync(file, '');
    expect(() =>
      spoolHotEvent('codex', payload('PreToolUse'), { BATON_HOME: file }, 1, 42),
    ).toThrow();
  });
});
