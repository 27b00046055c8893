// Source refs: the keys that make capture idempotent (a record read twice is stored once). The hook
// and the transcript importer build the same ref for the same thing — a tool call by its tool_use
// id, its result by the same id, a typed prompt by its text and how many times that text was typed
// before in the session (../prompt-refs.ts, as for every agent) — so whichever path sees it first
// stores it and the other adds nothing.
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

/** A subagent's own session key: its parent's id and its agent id, like the file layout. */
export const subagentSessionKey = (parentSessionId: string, agentId: string) =>
  `${parentSessionId}/agent-${agentId}`;

/** Keys of the todos an agent's plan tools own, scoped to the Claude Code session that wrote them. */
export const todoKeyPrefix = (sessionId: string) => `${AGENT}:${sessionId}:todo:`;
export const taskKeyPrefix = (sessionId: string) => `${AGENT}:${sessionId}:task:`;
