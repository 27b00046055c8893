// The data model, as plain records. Times are epoch milliseconds; JSON values are
// parsed objects. Every persisted record carries the machine that wrote it and an HLC stamp.

export const EVENT_KINDS = [
  'user_message',
  'assistant_message',
  'tool_call',
  'tool_result',
  'error',
  'file_change',
  'command',
  'note',
  'compaction',
  'system',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_SOURCES = ['hook', 'transcript', 'api', 'cli', 'import'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const SESSION_STATUSES = ['active', 'ended', 'crashed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const TODO_STATUSES = [
  'pending',
  'in_progress',
  'completed',
  'blocked',
  'cancelled',
] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];

/** How a todo's status is shown in one line of text, the same in every face. */
export const TODO_STATUS_MARKS: Readonly<Record<TodoStatus, string>> = {
  pending: '[ ]',
  in_progress: '[~]',
  completed: '[x]',
  blocked: '[!]',
  cancelled: '[-]',
};

export const DECISION_STATUSES = ['active', 'superseded', 'reverted'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const FACT_PRIORITIES = ['critical', 'high', 'normal', 'low'] as const;
export type FactPriority = (typeof FACT_PRIORITIES)[number];

export const TODO_PRIORITIES = ['high', 'medium', 'low'] as const;
export type TodoPriority = (typeof TODO_PRIORITIES)[number];

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What every synced record carries: who wrote it and when, for merging across machines. */
export interface Stamped {
  machineId: string;
  hlc: string;
}

export interface Project extends Stamped {
  id: string;
  /** Stable identity: `git:<remote>[/<path>]`, `git-local:<path>` or `path:<path>`. */
  key: string;
  root: string;
  remoteUrl: string | null;
  name: string;
  createdAt: number;
}

export interface Session extends Stamped {
  id: string;
  handle: string;
  agent: string;
  agentSessionId: string | null;
  projectId: string | null;
  cwd: string | null;
  gitBranch: string | null;
  gitHeadStart: string | null;
  gitHeadEnd: string | null;
  status: SessionStatus;
  startedAt: number;
  lastActivityAt: number;
  endedAt: number | null;
  endReason: string | null;
  title: string | null;
  parentId: string | null;
  /** Why the parent link exists: resume, fork, compact, clear, subagent. */
  parentKind: string | null;
  pid: number | null;
  eventCount: number;
  meta: JsonObject;
}

export interface BatonEvent extends Stamped {
  /** Journal position: strictly increasing in one store. */
  seq: number;
  id: string;
  sessionId: string;
  ts: number;
  kind: EventKind;
  role: string | null;
  tool: string | null;
  text: string | null;
  data: JsonObject | null;
  source: EventSource;
  /** Unique within the session; the key that makes every capture path idempotent. */
  ref: string | null;
}

export interface Todo extends Stamped {
  id: string;
  projectId: string;
  /** Per-project number users type: `baton todo done 12`. */
  number: number;
  content: string;
  status: TodoStatus;
  activeForm: string | null;
  priority: TodoPriority | null;
  component: string | null;
  blockedReason: string | null;
  /** Key the agent used for this todo (TodoWrite id, Task id), so re-captures update it. */
  externalKey: string | null;
  originSessionId: string | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  completedAt: number | null;
}

export interface Decision extends Stamped {
  id: string;
  projectId: string;
  number: number;
  decision: string;
  reasoning: string | null;
  outcome: string | null;
  status: DecisionStatus;
  files: string[];
  sessionId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ContextFact extends Stamped {
  id: string;
  /** null for a global fact. */
  projectId: string | null;
  key: string;
  value: JsonValue;
  category: string | null;
  priority: FactPriority;
  expiresAt: number | null;
  sessionId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ComponentState extends Stamped {
  id: string;
  projectId: string;
  name: string;
  status: string;
  health: number | null;
  lastChecked: number;
  metadata: JsonObject;
  updatedAt: number;
}

export interface Checkpoint extends Stamped {
  id: string;
  handle: string;
  sessionId: string;
  projectId: string | null;
  label: string | null;
  trigger: string;
  /** The journal position (event seq) the snapshot is consistent with. */
  journalSeq: number;
  gitHead: string | null;
  gitBranch: string | null;
  gitDirty: string[];
  /** Compressed bytes of the snapshot. */
  size: number;
  createdAt: number;
}
