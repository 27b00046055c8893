// Agents report a failed tool call as a separate record after the call (Claude Code an `is_error`
// tool result, Codex a non-zero exit code). A brief needs the two as one fact: which command
// failed, what it said, and whether a later run of the same command passed. These functions
// work on a session's tail, oldest first, and are pure.
import type { ActionEvent } from '../brief/brief-types.js';

const isFailure = (a: ActionEvent) => a.failed && (a.kind === 'error' || a.kind === 'tool_result');
const isCall = (a: ActionEvent) => a.kind === 'tool_call' || a.kind === 'command';

/**
 * Joins each failure to the call it answers: the call is marked failed and carries the failure's
 * text; the failure gets the call's command and files. A failure with no call in sight is kept
 * as it is.
 */
export function pairFailures(window: readonly ActionEvent[]): {
  events: ActionEvent[];
  /** Each failure now carried by its call: failure seq → call seq. */
  joined: Map<number, number>;
} {
  const out = window.map((a) => ({ ...a }));
  const joined = new Map<number, number>();
  // The latest calls not yet answered, by tool: results follow their calls, in order.
  const open = new Map<string, number[]>();
  out.forEach((a, i) => {
    const tool = a.tool ?? '';
    if (isCall(a)) {
      open.set(tool, [...(open.get(tool) ?? []), i]);
      return;
    }
    if (a.kind !== 'tool_result' && a.kind !== 'error') return;
    const pending = open.get(tool);
    const at = pending?.shift();
    if (at === undefined || !isFailure(a)) return;
    const call = out[at]!;
    call.failed = true;
    call.output = a.text;
    if (!a.command) a.command = call.command;
    if (!a.files.length) a.files = call.files;
    joined.set(a.seq, call.seq);
  });
  markFixed(out);
  return { events: out, joined };
}

/** A failure is fixed when a later call of the same command did not fail. */
function markFixed(events: ActionEvent[]): void {
  const lastPass = new Map<string, number>();
  for (let i = events.length - 1; i >= 0; i--) {
    const a = events[i]!;
    if (!a.command) continue;
    if (isCall(a) && !a.failed && !lastPass.has(a.command)) lastPass.set(a.command, a.ts);
    if (a.failed) a.fixedAt = lastPass.get(a.command) ?? null;
  }
}
