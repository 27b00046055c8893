// Which hook events take the spool path: those each agent's hook table marks `spooled` (they fire
// on every tool call or prompt and print nothing), and the lifecycle events it marks `background`
// (spooled, then replayed by a background process). Other lifecycle events, and anything unknown,
// go to the store directly, after a drain. The hot hook bundle loads this, so it and the tables it reads
// import nothing at run time.
import { CLAUDE_HOOK_TABLE } from '../claude-code/hook-events.js';
import { CODEX_HOOK_TABLE } from '../codex/hook-events.js';
import { GEMINI_HOOK_TABLE } from '../gemini/hook-events.js';
import { backgroundEvents, eventsOn } from './hook-table.js';
import type { HookEventSpec, HookTable } from './hook-table.js';

/** Every agent's hook table, by the agent's name. */
export const HOOK_TABLES: Readonly<Record<string, HookTable>> = {
  'claude-code': CLAUDE_HOOK_TABLE,
  codex: CODEX_HOOK_TABLE,
  gemini: GEMINI_HOOK_TABLE,
};

const SPOOLED = new Map(
  Object.entries(HOOK_TABLES).map(([agent, table]) => [agent, eventsOn(table, 'spooled')]),
);

export function isSpooledEvent(agent: string, event: string): boolean {
  return SPOOLED.get(agent)?.has(event) ?? false;
}

const BACKGROUND = new Map(
  Object.entries(HOOK_TABLES).map(([agent, table]) => [agent, backgroundEvents(table)]),
);

/** How a lifecycle event of `agent` is handled in the background; undefined when it is not. */
export function backgroundFor(
  agent: string,
  event: string,
): NonNullable<HookEventSpec['background']> | undefined {
  return BACKGROUND.get(agent)?.get(event);
}
