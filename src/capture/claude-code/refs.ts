// Source refs: the keys that make capture idempotent (DESIGN §3). The hook and the transcript
// importer build the same ref for the same thing — a tool call by its tool_use id, its result by
// the same id, a typed prompt by its text and how many times that text was typed before in the
// session — so whichever path sees it first stores it and the other adds nothing.
import { createHash } from 'node:crypto';

export const AGENT = 'claude-code';

export const toolCallRef = (toolUseId: string) => `tool_use:${toolUseId}`;
export const toolResultRef = (toolUseId: string) => `tool_result:${toolUseId}`;
export const uuidRef = (uuid: string, part?: string) =>
  part === undefined ? `uuid:${uuid}` : `uuid:${uuid}:${part}`;
export const lineRef = (fileKey: string, offset: number) => `line:${fileKey}:${offset}`;
export const assistantRef = (messageId: string, continuationOf?: string) =>
  continuationOf === undefined
    ? `assistant:${messageId}`
    : `assistant:${messageId}:${continuationOf}`;

/** A short stable hash of a prompt's text; whitespace at the ends does not count. */
export function promptHash(text: string): string {
  return createHash('sha1').update(text.trim()).digest('hex').slice(0, 16);
}

/** The ref of the `occurrence`-th (0-based) prompt with this hash in a session. */
export const promptRef = (hash: string, occurrence: number) => `prompt:${hash}:${occurrence}`;

/** The range of refs holding every occurrence of one prompt text, for counting. */
export function promptRefRange(hash: string): [string, string] {
  return [`prompt:${hash}:`, `prompt:${hash};`];
}

/** A subagent's own session key: its parent's id and its agent id, like the file layout. */
export const subagentSessionKey = (parentSessionId: string, agentId: string) =>
  `${parentSessionId}/agent-${agentId}`;

/** Keys of the todos an agent's plan tools own, scoped to the Claude Code session that wrote them. */
export const todoKeyPrefix = (sessionId: string) => `${AGENT}:${sessionId}:todo:`;
export const taskKeyPrefix = (sessionId: string) => `${AGENT}:${sessionId}:task:`;
