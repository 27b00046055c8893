// The order spooled payloads are replayed in. Spool files sort by the time each hook process
// stamped them, but an agent runs a tool's Pre and Post hooks as separate processes that race
// (Claude Code's async hooks): the result's process may write first. Replaying in that order
// would store a tool's result before its call, so a result whose call is in the same batch waits
// for it. A result whose call is in no batch yet (its hook process has not spooled, or another
// drainer holds it) stores the call first from its own payload: the agent's hook handler does
// that (claude-code/hook-handler.ts, codex/hook-handler.ts), and the late call is a duplicate.

export interface SpooledText {
  text: string;
}

/** `call` or `result` of a tool, by its id, for a spooled payload (header line, then payload). */
function toolStep(text: string): { id: string; phase: 'call' | 'result' } | null {
  const newline = text.indexOf('\n');
  if (newline < 0) return null;
  try {
    const p = JSON.parse(text.slice(newline + 1)) as {
      hook_event_name?: unknown;
      tool_use_id?: unknown;
    };
    if (typeof p.tool_use_id !== 'string') return null;
    if (p.hook_event_name === 'PreToolUse') return { id: p.tool_use_id, phase: 'call' };
    if (p.hook_event_name === 'PostToolUse' || p.hook_event_name === 'PostToolUseFailure')
      return { id: p.tool_use_id, phase: 'result' };
  } catch {
    // Replaying it reports what is wrong.
  }
  return null;
}

/** The batch, each tool result moved after its call when the call comes later in it. */
export function callsBeforeResults<T extends SpooledText>(batch: T[]): T[] {
  const steps = batch.map((item) => toolStep(item.text));
  const callsAhead = new Set(steps.filter((s) => s?.phase === 'call').map((s) => s!.id));
  const held = new Map<string, T[]>();
  const out: T[] = [];
  batch.forEach((item, i) => {
    const step = steps[i];
    if (step?.phase === 'result' && callsAhead.has(step.id)) {
      held.set(step.id, [...(held.get(step.id) ?? []), item]);
      return;
    }
    out.push(item);
    if (step?.phase === 'call') {
      callsAhead.delete(step.id);
      out.push(...(held.get(step.id) ?? []));
      held.delete(step.id);
    }
  });
  return out;
}
