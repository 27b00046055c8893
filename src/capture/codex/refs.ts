// Source refs for Codex records. Tool calls and their outputs are keyed by Codex's `call_id`,
// which its hooks carry as `tool_use_id`, so a hook and a later import of the rollout store one
// event; prompts use the shared prompt ref; every other record is keyed by its byte offset in the
// rollout, which never changes because Codex only appends (an archived copy of a rollout keeps
// the same offsets, so importing it as well adds nothing).
import { createHash } from 'node:crypto';

export const AGENT = 'codex';

export const callRef = (callId: string) => `call:${callId}`;
export const resultRef = (callId: string) => `result:${callId}`;
export const lineRef = (offset: number) => `line:${offset}`;

/** Keys of the todos a Codex session's `update_plan` owns. */
export const planKeyPrefix = (sessionId: string) => `${AGENT}:${sessionId}:plan:`;

export function planItemKey(sessionId: string, step: string): string {
  const hash = createHash('sha1').update(step.trim()).digest('hex').slice(0, 12);
  return `${planKeyPrefix(sessionId)}${hash}`;
}
