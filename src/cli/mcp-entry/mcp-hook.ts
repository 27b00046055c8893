// dist/mcp-hook.cjs: what `baton mcp`'s small entry loads at the first call of the hook tool
// (Claude Code's `mcp_tool` hook handlers, capture/claude-code/mcp-hook.ts). A bundle of its own,
// so the entry every agent starts stays as small as before for the agents that never call it.
import { payloadFromToolArguments } from '../../capture/index.js';
import { spoolHotEvent } from '../hook/hook-hot-path.js';

/**
 * A Claude Code hook event sent to the hook tool (an `mcp_tool` handler): spooled as the hook
 * process spools it, with the same function; an event the hot path leaves to the full hook (or
 * spooling turned off) is given to `baton hook claude-code`, as a command handler would be.
 */
export function recordHook(args: unknown): string | undefined {
  const payload = payloadFromToolArguments(args);
  if (payload === undefined) return 'baton: not a hook event (no hook_event_name)';
  const script = process.argv[1];
  try {
    if (spoolHotEvent('claude-code', payload, process.env, Date.now(), process.pid, script))
      return undefined;
  } catch {
    // The full hook spools it again and, if that fails too, logs why.
  }
  // Loaded only here: node:child_process brings Node's stream and net machinery.
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const r = spawnSync(process.execPath, [script ?? '', 'hook', 'claude-code'], {
    input: payload,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: process.env,
  });
  return r.status === 0 ? undefined : `baton hook failed: ${String(r.stderr ?? r.error)}`;
}
