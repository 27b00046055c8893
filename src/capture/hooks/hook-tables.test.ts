// The agent hook tables against the adapter list: every agent Baton captures has a table and a
// hook handler, every hook `baton install` registers is in the agent's table, no event is both
// spooled and lifecycle, and the hot path spools exactly the events the tables mark `spooled`.
import { describe, expect, it } from 'vitest';
import { CAPTURE_ADAPTERS } from '../adapters.js';
import { anyClaudeHookSet } from '../claude-code/hook-entries.js';
import { anyCodexHookSet } from '../codex/hook-entries.js';
import { anyGeminiHookSet } from '../gemini/hook-entries.js';
import { hookHandlerFor } from './hook-handlers.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { HOOK_TABLES, backgroundFor, isSpooledEvent } from './spool-policy.js';
import { eventsOn, installedEvents } from './hook-table.js';

const INSTALLED: Readonly<Record<string, HookSet>> = {
  'claude-code': anyClaudeHookSet,
  codex: anyCodexHookSet,
  gemini: anyGeminiHookSet,
};
const agents = CAPTURE_ADAPTERS.map((a) => a.agent);

describe('agent hook tables', () => {
  it('exist for exactly the agents with an adapter, each with a hook handler', () => {
    expect(Object.keys(HOOK_TABLES).sort()).toEqual([...agents].sort());
    for (const agent of agents) expect(hookHandlerFor(agent), agent).not.toBeNull();
    expect(hookHandlerFor('nobody')).toBeNull();
  });

  it.each(agents)('%s: every installed hook event is in the table, in table order', (agent) => {
    const table = HOOK_TABLES[agent]!;
    expect(INSTALLED[agent]!.events).toEqual(installedEvents(table));
    const names = table.map((e) => e.event);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(agents)('%s: spooled and lifecycle events are disjoint and cover the table', (agent) => {
    const table = HOOK_TABLES[agent]!;
    const spooled = eventsOn(table, 'spooled');
    const lifecycle = eventsOn(table, 'lifecycle');
    expect([...spooled].filter((e) => lifecycle.has(e))).toEqual([]);
    expect(spooled.size + lifecycle.size).toBe(table.length);
    expect(spooled.size).toBeGreaterThan(0);
    expect(lifecycle.has('SessionStart')).toBe(true);
  });

  it.each(agents)('%s: the hot path spools exactly the spooled events', (agent) => {
    for (const { event, path } of HOOK_TABLES[agent]!) {
      expect(isSpooledEvent(agent, event), `${agent} ${event}`).toBe(path === 'spooled');
    }
    expect(isSpooledEvent(agent, 'NoSuchEvent')).toBe(false);
  });

  it.each(agents)(
    '%s: lifecycle events run in the background, SessionStart printing the brief it reads',
    (agent) => {
      for (const { event, path, background } of HOOK_TABLES[agent]!) {
        expect(backgroundFor(agent, event), `${agent} ${event}`).toBe(background);
        if (background) expect(path, `${agent} ${event}`).toBe('lifecycle');
        // Only SessionStart's reply is read from the store; the others print a fixed one or none.
        if (background?.brief) expect(event, agent).toBe('SessionStart');
      }
      expect(backgroundFor(agent, 'SessionStart')?.brief).toBe(true);
      // PreCompact's checkpoint must precede the compaction.
      expect(backgroundFor(agent, 'PreCompact')).toBeUndefined();
      expect(backgroundFor(agent, 'SessionEnd')).toBeDefined();
    },
  );
});
