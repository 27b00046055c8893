// What the MCP server is built from: the facts of the process that serves it — the store, the
// project, the calling session, the clock, git — and, for embedders and tests, an observer of
// automatic checkpoints. Every tool, resource and prompt calls src/operations with these, so the
// server can be mounted on stdio and on the daemon's streamable HTTP alike.
import type { Clock, Project } from '../core/index.js';
import type { AutoTrigger } from '../operations/index.js';
import type { GitRunner } from '../recover/index.js';
import type { Store } from '../store/index.js';

export interface TriggerEvent {
  trigger: AutoTrigger;
  projectId: string;
  sessionId: string;
  now: number;
}

/**
 * Takes the automatic checkpoint after a write in place of the operations' own rule; its
 * failure is not the tool's.
 */
export type TriggerFn = (store: Store, event: TriggerEvent) => void | Promise<void>;

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
  /** Runs git for checkpoints and the brief's changes; null leaves the repository alone. */
  git: GitRunner | null;
  onTrigger?: TriggerFn | undefined;
  /** Reported to clients in `initialize`. */
  version?: string | undefined;
}
