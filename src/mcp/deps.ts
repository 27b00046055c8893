// What the MCP server is built from. The store, the project and the calling session are facts of
// the process; search, the brief and the recovery prompt are functions passed in, so
// the server stays a thin edge over the modules that own them (src/search, src/recover) and can be
// mounted on stdio today and on the daemon's streamable HTTP later with other implementations.
import type { Clock, Project } from '../core/index.js';
import type { AutoTrigger } from '../operations/index.js';
import type { BriefMode, GitRunner } from '../recover/index.js';
import type { EventSearchHit, SearchOptions } from '../search/index.js';
import type { Store } from '../store/index.js';

// ---- search: the search module's own options and hits, events only ---------------------------

export type SearchFn = (
  store: Store,
  options: SearchOptions,
) => { hits: EventSearchHit[] } | Promise<{ hits: EventSearchHit[] }>;

// ---- the brief and the recovery prompt ----------------------------------------------------------

export interface ResumeBriefRequest {
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

export type ResumeBriefFn = (store: Store, options: ResumeBriefRequest) => Brief | Promise<Brief>;

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

// ---- automatic checkpoint triggers ------------------------------------------------------------

export interface TriggerEvent {
  trigger: AutoTrigger;
  projectId: string;
  sessionId: string;
  now: number;
}

/**
 * Takes the automatic checkpoint after a write in place of the recovery module's rule; its
 * failure is not the tool's.
 */
export type TriggerFn = (store: Store, event: TriggerEvent) => void | Promise<void>;

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
  /** Runs git while a checkpoint is taken; null skips `git status`. */
  git: GitRunner | null;
  onTrigger?: TriggerFn | undefined;
  /** Reported to clients in `initialize`. */
  version?: string | undefined;
}

/** The parts of McpDeps that other modules own (search, recover): see recover-memory.ts. */
export type MemoryFunctions = Pick<McpDeps, 'search' | 'resumeBrief' | 'recoveryPrompt'>;
