// What the MCP server is built from. The store, the project and the calling session are facts of
// the process; search, the brief, the recovery prompt and checkpoints are functions passed in, so
// the server stays a thin edge over the modules that own them (src/search, src/recover) and can be
// mounted on stdio today and on the daemon's streamable HTTP later with other implementations.
import type { Checkpoint, Clock, EventKind, JsonObject, Project } from '../core/index.js';
import type { Store } from '../store/index.js';

// ---- search (the "Find anything" issue) -------------------------------------------------------

export interface SearchOptions {
  query: string;
  /** Absent: every project. */
  projectId?: string | undefined;
  agent?: string | undefined;
  /** A session id, handle or the agent's own session id. */
  sessionRef?: string | undefined;
  kinds?: EventKind[] | undefined;
  /** Epoch ms, inclusive. */
  since?: number | undefined;
  until?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface SearchHit {
  session: { id: string; handle: string; agent: string; agentSessionId: string | null };
  /** `ts` in epoch ms; `snippet` is a short excerpt around the match, plain text. */
  event: { id: string; ref: string | null; kind: EventKind; ts: number; snippet: string };
  /** Higher is better. */
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
}

export type SearchFn = (
  store: Store,
  options: SearchOptions,
) => SearchResult | Promise<SearchResult>;

// ---- the brief and the recovery prompt (the "Recovery" issue) ---------------------------------

export const BRIEF_MODES = ['quick', 'full', 'emergency'] as const;
export type BriefMode = (typeof BRIEF_MODES)[number];

export interface BriefOptions {
  projectId: string;
  mode: BriefMode;
  sessionRef?: string | undefined;
  checkpointRef?: string | undefined;
  /** The most characters the brief may have; absent: the builder's default. */
  budget?: number | undefined;
  format: 'md' | 'json';
  now: number;
}

export interface Brief {
  /** The brief itself, in the requested format, never longer than the budget. */
  text: string;
  mode: BriefMode;
  /** What it was built from. */
  sessionHandle: string | null;
  checkpointHandle: string | null;
  /** True when the budget made it leave something out. */
  truncated: boolean;
}

export type ResumeBriefFn = (store: Store, options: BriefOptions) => Brief | Promise<Brief>;

export interface RecoveryPromptOptions {
  projectId: string;
  sessionRef?: string | undefined;
  checkpointRef?: string | undefined;
  budget?: number | undefined;
  now: number;
}

/** The "you are resuming work from SESSION-…" prompt text. */
export type RecoveryPromptFn = (
  store: Store,
  options: RecoveryPromptOptions,
) => string | Promise<string>;

// ---- checkpoints -------------------------------------------------------------------------------

export interface CheckpointCreateOptions {
  projectId: string;
  sessionId: string;
  label: string | null;
  /** Why it is taken: `user` for a request, or an automatic trigger. */
  trigger: string;
  now: number;
}

export interface CheckpointListOptions {
  projectId: string;
  sessionId?: string | undefined;
  limit: number;
  offset: number;
}

export interface CheckpointRestoreOptions {
  projectId: string;
  /** Id or handle. */
  ref: string;
  /** Also return todos, decisions and facts to their state at the checkpoint. */
  rollback: boolean;
  now: number;
}

export interface CheckpointRestoreResult {
  checkpoint: Checkpoint;
  rolledBack: boolean;
  /** The checkpoint of the present taken before a rollback, to undo it. */
  undoCheckpoint: Checkpoint | null;
}

type MaybePromise<T> = T | Promise<T>;

export interface CheckpointFunctions {
  create(store: Store, options: CheckpointCreateOptions): MaybePromise<Checkpoint>;
  /** Newest first. */
  list(store: Store, options: CheckpointListOptions): MaybePromise<Checkpoint[]>;
  restore(store: Store, options: CheckpointRestoreOptions): MaybePromise<CheckpointRestoreResult>;
}

// ---- automatic checkpoint triggers ------------------------------------------------------------

export type McpTrigger = 'todo_completed' | 'decision_recorded' | 'error';

export interface TriggerEvent {
  trigger: McpTrigger;
  projectId: string;
  sessionId: string | null;
  now: number;
  detail: JsonObject;
}

/** Called after a write that DESIGN §4 names as a checkpoint trigger; its failure is not the tool's. */
export type TriggerFn = (store: Store, event: TriggerEvent) => MaybePromise<void>;

// ---- the whole -------------------------------------------------------------------------------

export interface McpDeps {
  store: Store;
  /** The project the server serves: tools read and write this project's memory. */
  project: Project;
  /**
   * The calling session when the environment names it ($BATON_SESSION). A tool's `session`
   * argument wins over it; with neither, records are not attributed to a session.
   */
  sessionRef: string | null;
  clock: Clock;
  search: SearchFn;
  resumeBrief: ResumeBriefFn;
  recoveryPrompt: RecoveryPromptFn;
  checkpoints: CheckpointFunctions;
  onTrigger?: TriggerFn | undefined;
  /** Reported to clients in `initialize`. */
  version?: string | undefined;
}

/** The parts of McpDeps that other modules own (search, recover): see recover-memory.ts. */
export type MemoryFunctions = Pick<
  McpDeps,
  'search' | 'resumeBrief' | 'recoveryPrompt' | 'checkpoints' | 'onTrigger'
>;
