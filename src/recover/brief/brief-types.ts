// The data a brief is built from, and the brief itself. BriefData is plain data — the loader fills
// it from the store (or from a checkpoint's snapshot) and git; buildBrief turns it into text by
// code alone, so the same data always gives the same brief.
import type {
  ComponentState,
  ContextFact,
  Decision,
  EventKind,
  Session,
  Todo,
} from '../../core/index.js';

export const BRIEF_MODES = ['quick', 'full', 'emergency'] as const;
export type BriefMode = (typeof BRIEF_MODES)[number];

/** Claude Code caps hook output at 10,000 characters; stay clearly under it. */
export const DEFAULT_BUDGET = 9_500;
/** The emergency brief is tiny whatever budget is asked for. */
export const EMERGENCY_BUDGET = 1_500;

/** One event as a brief needs it: short text, the files and command it involved. */
export interface ActionEvent {
  seq: number;
  ts: number;
  kind: EventKind;
  tool: string | null;
  /** Whitespace collapsed and cut to a few hundred characters. */
  text: string;
  /** Paths relative to the project root where they lie inside it. */
  files: string[];
  command: string | null;
  /** An error event, or a tool result that reports failure. */
  failed: boolean;
  /** A failed call: the start of what its failure said. */
  output?: string | null;
  /** A failure: when the same command later ran without failing. */
  fixedAt?: number | null;
}

/** The tail of a session: what it was doing when it stopped. Oldest first in each list. */
export interface RecentActivity {
  /** The last tool calls, commands, file changes and errors. */
  actions: ActionEvent[];
  errors: ActionEvent[];
  prompts: ActionEvent[];
  assistant: ActionEvent | null;
  /** The agent's own summary of the conversation at its last compaction (Claude Code keeps one). */
  summary?: ActionEvent | null;
  /** Events of the session at the time; more than `actions` holds. */
  eventCount: number;
}

/** How a session ended, as a person would say it. */
export type EndState = 'active' | 'ended' | 'crashed' | 'compacted' | 'cleared';

export interface CommitInfo {
  sha: string;
  author: string;
  at: number;
  subject: string;
}

export interface FileChange {
  /** Relative to the repository root. */
  path: string;
  /** git's one-letter status: M, A, D, R, ?… */
  status: string;
}

/** What changed in the working folder since the session (or checkpoint) last saw it. */
export interface ChangeReport {
  /** Why nothing could be said: not a repository, git missing or too slow. */
  unavailable: string | null;
  base: { head: string | null; branch: string | null; at: number };
  current: { head: string | null; branch: string | null };
  /** Commits reachable from HEAD but not from the base HEAD, newest first (at most a few). */
  commits: CommitInfo[];
  commitCount: number;
  /** The base HEAD is not in this repository (history rewritten, another clone). */
  baseMissing: boolean;
  /** Files that differ between the base HEAD and HEAD (committed since). */
  committed: FileChange[];
  /** Files with uncommitted changes now. */
  uncommitted: FileChange[];
  /** Uncommitted files whose modification time is after the session's last activity. */
  editedSince: string[];
}

/** Todos, decisions and facts that differ between a checkpoint and the present. */
export interface StateDrift {
  todos: number;
  decisions: number;
  facts: number;
}

export interface CheckpointView {
  handle: string;
  trigger: string;
  label: string | null;
  createdAt: number;
  /** Set when this checkpoint is the project's resume point, chosen by `checkpoint restore`. */
  restoredAt: number | null;
}

export type TimelineEntry =
  | {
      kind: 'session';
      ts: number;
      handle: string;
      agent: string;
      title: string | null;
      endState: EndState;
      endedAt: number | null;
      lastActivityAt: number;
      events: number;
      errors: number;
      /** The session's last request and the agent's last answer: what it set out to do and did. */
      asked?: string | null;
      achieved?: string | null;
    }
  | { kind: 'checkpoint'; ts: number; handle: string; trigger: string; label: string | null };

/** Everything `--todo` shows about one task. */
export interface TodoFocus {
  todo: Todo;
  sessions: { handle: string; agent: string; startedAt: number; lastActivityAt: number }[];
  /** Events that mention the task, newest last. */
  events: ActionEvent[];
  files: string[];
  checkpoint: { handle: string; createdAt: number; status: string | null } | null;
  /** Other open todos, in the order they would come next. */
  remaining: Todo[];
}

export interface BriefData {
  now: number;
  project: { name: string; root: string } | null;
  /** The session the brief resumes from; null when the project has none yet. */
  session: Session | null;
  endState: EndState | null;
  /** Set when the brief is built from a checkpoint (asked for, or the restored resume point). */
  checkpoint: CheckpointView | null;
  todos: Todo[];
  decisions: Decision[];
  /** Expired facts included: the brief leaves them out and warns about them. */
  facts: ContextFact[];
  components: ComponentState[];
  recent: RecentActivity;
  changes: ChangeReport | null;
  drift: StateDrift | null;
  /** Full mode: the project's recent sessions and their checkpoints, oldest first. */
  timeline: TimelineEntry[];
  focus: TodoFocus | null;
}

export interface BriefOptions {
  mode: BriefMode;
  /** Characters; the markdown never exceeds it. */
  budget?: number;
}

export interface Brief {
  mode: BriefMode;
  budget: number;
  /** Markdown for a model and a person. */
  text: string;
  /** The same content, structured. */
  json: BriefJson;
  /** What the budget left out, e.g. "12 pending todos". */
  omitted: string[];
}

export type BriefJson = Record<string, unknown> & {
  version: 1;
  mode: BriefMode;
  budget: number;
  length: number;
  omitted: string[];
};

export const emptyActivity = (): RecentActivity => ({
  actions: [],
  errors: [],
  prompts: [],
  assistant: null,
  eventCount: 0,
});
