// The CaptureAdapter seam: what Baton needs from each agent it records (Claude Code today; Codex
// CLI and Gemini CLI fit the same shape). An adapter finds the agent's transcripts and imports
// them incrementally, handles the agent's hook payloads, edits the agent's own config to install
// or remove its hooks, and reports whether capture is working. Everything it touches on the
// machine comes in through AgentEnv, so tests run against a temporary home.
import type { Clock, Project } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { McpServerEntry } from './install/mcp-config/index.js';

/** The machine an adapter looks at, passed in. */
export interface AgentEnv {
  env: NodeJS.ProcessEnv;
  /** The folder the user is in: `--scope project` installs and the current project use it. */
  cwd: string;
}

// ---- the brief and checkpoint triggers, injected by the composition root ----

export interface SessionStartBrief {
  /** Characters the brief may use (Claude Code caps injected context at 10,000). */
  budget: number;
  /** Why a session is starting: startup, resume, clear, compact, fork… */
  source: string;
  /** The Baton session that is starting, so the brief can leave it out or focus on it. */
  sessionId?: string;
}

/**
 * Builds the text handed to a starting session. capture must not depend on recover, so the
 * composition root (cli) passes the real one in; a sync or async function both fit.
 */
export type BriefProvider = (
  store: Store,
  project: Project,
  opts: SessionStartBrief,
) => string | Promise<string>;

export const CAPTURE_TRIGGERS = [
  'pre_compaction',
  'session_end',
  'error',
  'todo_completed',
] as const;
export type CaptureTrigger = (typeof CAPTURE_TRIGGERS)[number];

/** Called when capture sees a moment worth a checkpoint; wired to recover by the composition root. */
export type TriggerCallback = (trigger: CaptureTrigger, sessionId: string) => void | Promise<void>;

// ---- hooks ----

export interface HookContext {
  /** Opens the store on first use (a hook that fails before needing it never opens it). */
  store(): Store;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  brief: BriefProvider;
  onTrigger?: TriggerCallback;
  /**
   * Set when the payload is replayed from the spool, not handled by the hook process the agent
   * started: what that process noted about itself (its background spec's `note`), or `{}`.
   */
  replayed?: Record<string, unknown>;
}

export interface HookReply {
  /** Exactly what the hook prints on stdout (the agent's documented JSON), or nothing. */
  stdout?: string;
}

/** Handles one hook invocation: the payload the agent wrote on stdin, already parsed. */
export type HookHandler = (payload: unknown, ctx: HookContext) => Promise<HookReply>;

// ---- transcripts ----

export type MalformedReason = 'json' | 'not_object' | 'no_type';

export interface TranscriptLineProblem {
  /** 1-based line number in the file. */
  line: number;
  reason: MalformedReason;
  message: string;
}

export interface TranscriptFile {
  path: string;
  /** A main session, or a subagent's transcript (linked to its parent session). */
  role: 'session' | 'subagent';
}

export interface FileImportResult {
  path: string;
  /** Nothing new since the last import. */
  unchanged: boolean;
  bytes: number;
  lines: number;
  imported: number;
  duplicates: number;
  newSessions: number;
  malformed: TranscriptLineProblem[];
  /** Record types this importer does not know, kept as `system` events, by type. */
  unknownTypes: Record<string, number>;
  /** The run stopped at `maxBytes` with more of the file to read. */
  more?: boolean;
}

export interface ImportProgress {
  bytes: number;
  events: number;
}

export interface TranscriptImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Checkpoint triggers are for live capture; imports of history leave them off. */
  onTrigger?: TriggerCallback;
  /**
   * About how many bytes of a file one run reads at most (JSONL transcripts): the rest waits for
   * the next run, which starts where this one stopped (`FileImportResult.more`). The daemon uses
   * it so that one large append does not hold its memory and its thread for the whole file.
   */
  maxBytes?: number;
}

export interface TranscriptImporter {
  /** Every transcript of this agent under `paths` (files or folders), or in its default home. */
  discover(env: AgentEnv, paths?: string[]): TranscriptFile[];
  /** Imports what was appended since the last run; safe to run any number of times. */
  importFile(
    store: Store,
    file: TranscriptFile,
    options?: TranscriptImportOptions,
  ): FileImportResult;
}

// ---- install / uninstall ----

export type InstallScope = 'user' | 'project';

export interface InstallOptions {
  scope: InstallScope;
  dryRun: boolean;
  /** The shell command the agent runs for a hook, e.g. `"/usr/bin/node" "/x/bin/baton.js"`. */
  batonCommand: string;
  /** Where backups of edited files go (inside Baton's home, never the agent's folder). */
  backupDir: string;
  /**
   * Baton's MCP server to register beside the hooks, in the agent's own MCP config (absent: the
   * hooks only). Uninstall removes Baton's server whether or not this is given.
   */
  mcp?: McpServerEntry;
}

export interface ConfigChange {
  file: string;
  action: 'create' | 'update' | 'unchanged' | 'delete';
  /** One line per entry added, updated or removed. */
  details: string[];
  backup: string | null;
}

export interface InstallReport {
  agent: string;
  scope: InstallScope;
  dryRun: boolean;
  changes: ConfigChange[];
  /** What the user must still do before the agent runs Baton's hooks (Codex: trust them). */
  pending?: string | undefined;
}

export interface Installer {
  install(env: AgentEnv, options: InstallOptions): InstallReport;
  uninstall(env: AgentEnv, options: Omit<InstallOptions, 'batonCommand'>): InstallReport;
}

// ---- diagnostics ----

export interface HookScopeStatus {
  scope: InstallScope;
  file: string;
  /** Events with Baton's hook registered in this file. */
  events: string[];
  /** Events Baton installs that this file lacks (empty when complete). */
  missing: string[];
  /** Why the file could not be read (unparseable JSON…), if it could not. */
  problem: string | null;
}

export interface CaptureStatus {
  agent: string;
  /** True when every hook Baton needs is registered in at least one scope. */
  installed: boolean;
  scopes: HookScopeStatus[];
  /** When a hook last reached the store (epoch ms), from the store's capture log. */
  lastSeenAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  errorCount: number;
  /** The newest lines of Baton's hook log for this agent (failures that never reached the store). */
  recentLogLines: string[];
  /** Hot hook events waiting in the spool for the next lifecycle hook or import to store them. */
  spooled: number;
  /**
   * For an agent that runs only hooks the user trusted (Codex): each of Baton's handlers and
   * whether it will run, and what the user must do when some will not (null: nothing).
   */
  trust?: { key: string; state: 'trusted' | 'untrusted' | 'changed' }[] | undefined;
  trustAdvice?: string | null | undefined;
}

/** How long an agent keeps its own transcripts before deleting them, as its settings say. */
export interface AgentRetention {
  /** Days after which the agent deletes a transcript; null when it keeps them. */
  days: number | null;
  /** A further limit on how many it keeps (Gemini CLI's maxCount), when set. */
  maxCount: number | null;
  /** The setting that decides it, as the agent names it. */
  setting: string;
  /** The file the setting was read from (or would be). */
  file: string;
  /** Why that file could not be read, when it exists but could not (the default is assumed). */
  problem: string | null;
}

export interface CaptureAdapter {
  /** The name users type: `baton import claude-code`, `baton install claude-code`. */
  readonly agent: string;
  readonly title: string;
  readonly transcripts: TranscriptImporter;
  readonly installer: Installer;
  readonly hook: HookHandler;
  status(env: AgentEnv, store: Store | null, batonHome: string): CaptureStatus;
  /**
   * Whether the agent is on this machine (its home folder exists), so `install all` and
   * `import` with no agent touch only the agents present. Absent means always present.
   */
  present?(env: AgentEnv): boolean;
  /**
   * The agent's own transcript retention (Claude Code's cleanupPeriodDays…). Absent for an agent
   * that has no such setting.
   */
  retention?(env: AgentEnv): AgentRetention;
}
