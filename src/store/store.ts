// The Store role: the only writer of Baton's data. Every write is redacted, stamped with the
// machine and an HLC, and committed before the call returns. Reads that need SQL of their own
// (search ranking, brief queries) go through `query`, which is read-only.
import type { EventPreparation, PreparedEvent } from './prepare-event.js';
import type { SyncSupport } from './sync-support.js';
import type {
  BatonEvent,
  Checkpoint,
  ComponentState,
  ContextFact,
  Decision,
  DecisionStatus,
  EventKind,
  EventSource,
  FactPriority,
  JsonObject,
  JsonValue,
  Project,
  Session,
  SessionStatus,
  Todo,
  TodoPriority,
  TodoStatus,
} from '../core/index.js';

export interface ProjectInput {
  key: string;
  root: string;
  remoteUrl: string | null;
  name: string;
}

export interface Projects {
  /** Finds the project with this key (adding `root` to its known folders) or creates it. */
  ensure(input: ProjectInput): Project;
  /** By id, key, known root folder or name. */
  get(ref: string): Project | null;
  list(): Project[];
}

export interface SessionInput {
  agent: string;
  agentSessionId?: string | null;
  projectId?: string | null;
  cwd?: string | null;
  gitBranch?: string | null;
  gitHeadStart?: string | null;
  startedAt?: number;
  title?: string | null;
  parentId?: string | null;
  parentKind?: string | null;
  pid?: number | null;
  meta?: JsonObject;
}

export type SessionPatch = Partial<{
  status: SessionStatus;
  endedAt: number | null;
  endReason: string | null;
  title: string | null;
  gitBranch: string | null;
  gitHeadEnd: string | null;
  lastActivityAt: number;
  pid: number | null;
  parentId: string | null;
  parentKind: string | null;
  projectId: string | null;
  cwd: string | null;
  meta: JsonObject;
}>;

export interface SessionFilter {
  projectId?: string;
  agent?: string;
  status?: SessionStatus;
  parentId?: string;
  since?: number;
  limit?: number;
}

export interface Sessions {
  /** A new session with a fresh handle. */
  start(input: SessionInput): Session;
  /** The session an agent knows by `agentSessionId`, created on first sight. */
  ensure(input: SessionInput & { agentSessionId: string }): { session: Session; created: boolean };
  update(id: string, patch: SessionPatch): Session;
  /** By id, handle, or an agent's own session id. */
  get(ref: string): Session | null;
  /** Most recent activity first. */
  list(filter?: SessionFilter): Session[];
}

export interface EventInput {
  sessionId: string;
  ts?: number;
  kind: EventKind;
  role?: string | null;
  tool?: string | null;
  text?: string | null;
  data?: JsonObject | null;
  source: EventSource;
  ref?: string | null;
  /**
   * The source record verbatim, for lossless capture: a parsed JSON record (preferred: secrets
   * inside its strings are found) or a text. Stored redacted and compressed.
   */
  raw?: JsonValue;
  /**
   * The JSON text `raw` was parsed from, as read (UTF-8). Stored as it is when redaction finds
   * nothing in `raw` — byte-exact, and no re-serialising; otherwise `raw` redacted is stored.
   */
  rawBytes?: Buffer;
}

export interface AppendResult {
  inserted: number;
  duplicates: number;
  /** seq of each input in order, or null where it was a duplicate. */
  seqs: (number | null)[];
}

export interface EventFilter {
  sessionId?: string;
  projectId?: string;
  kinds?: EventKind[];
  since?: number;
  until?: number;
  afterSeq?: number;
  beforeSeq?: number;
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface Events {
  /** Appends in one transaction; inputs whose (session, ref) is already stored are skipped. */
  append(inputs: EventInput[]): AppendResult;
  /** Appends events prepared off the store's thread (see prepare-event.ts), as append does. */
  appendPrepared(events: PreparedEvent[]): AppendResult;
  /** What createEventPreparer needs to prepare events exactly as this store would. */
  preparation(): EventPreparation;
  list(filter: EventFilter): BatonEvent[];
  /** Streams matching events in journal order without loading them all. */
  iterate(filter: EventFilter): IterableIterator<BatonEvent>;
  get(idOrSeq: string | number): BatonEvent | null;
  /** The source record kept with an event, if any. */
  raw(seq: number): string | null;
  count(filter?: { sessionId?: string; projectId?: string }): number;
  lastSeq(): number;
}

export interface TodoInput {
  projectId: string;
  content: string;
  status?: TodoStatus;
  activeForm?: string | null;
  priority?: TodoPriority | null;
  component?: string | null;
  blockedReason?: string | null;
  externalKey?: string | null;
  originSessionId?: string | null;
}

export type TodoPatch = Partial<
  Pick<
    Todo,
    'content' | 'status' | 'activeForm' | 'priority' | 'component' | 'blockedReason' | 'externalKey'
  >
>;

export interface TodoFilter {
  projectId: string;
  statuses?: TodoStatus[];
  /** Only todos whose external key starts with this (an agent's plan for one session). */
  externalKeyPrefix?: string;
}

export interface Todos {
  add(input: TodoInput): Todo;
  update(id: string, patch: TodoPatch): Todo;
  /** By id, id prefix, or per-project number (`12`, `#12`). */
  get(projectId: string, ref: string): Todo | null;
  list(filter: TodoFilter): Todo[];
  remove(id: string): void;
  /**
   * Writes a todo back exactly as a snapshot holds it (a checkpoint rollback): every field and
   * time, undeleting it if it was removed since. Stamped as a new write.
   */
  restore(todo: Todo): Todo;
}

export interface DecisionInput {
  projectId: string;
  decision: string;
  reasoning?: string | null;
  outcome?: string | null;
  status?: DecisionStatus;
  files?: string[];
  sessionId?: string | null;
}

export type DecisionPatch = Partial<
  Pick<Decision, 'decision' | 'reasoning' | 'outcome' | 'status' | 'files'>
>;

export interface Decisions {
  add(input: DecisionInput): Decision;
  update(id: string, patch: DecisionPatch): Decision;
  get(projectId: string, ref: string): Decision | null;
  list(filter: { projectId: string; statuses?: DecisionStatus[] }): Decision[];
  remove(id: string): void;
  /** Writes a decision back exactly as a snapshot holds it (a checkpoint rollback). */
  restore(decision: Decision): Decision;
}

export interface FactInput {
  /** null for a global fact. */
  projectId: string | null;
  key: string;
  value: JsonValue;
  category?: string | null;
  priority?: FactPriority;
  expiresAt?: number | null;
  sessionId?: string | null;
}

export interface ContextFacts {
  /** Creates or replaces the fact with this scope and key. */
  set(input: FactInput): ContextFact;
  /** The project fact, else (with `fallbackToGlobal`) the global one. */
  get(projectId: string | null, key: string, fallbackToGlobal?: boolean): ContextFact | null;
  /** Project facts and global facts; expired ones only when asked. */
  list(filter: {
    projectId: string | null;
    includeGlobal?: boolean;
    includeExpired?: boolean;
    now: number;
  }): ContextFact[];
  unset(projectId: string | null, key: string): boolean;
}

export interface ComponentInput {
  projectId: string;
  name: string;
  status?: string;
  health?: number | null;
  metadata?: JsonObject;
}

export interface Components {
  /** Creates or updates; metadata keys merge into what is there. */
  set(input: ComponentInput): ComponentState;
  list(projectId: string): ComponentState[];
}

export interface CheckpointInput {
  sessionId: string;
  projectId: string | null;
  label?: string | null;
  trigger: string;
  journalSeq: number;
  gitHead?: string | null;
  gitBranch?: string | null;
  gitDirty?: string[];
  /** The snapshot, already serialised; the store compresses it. */
  snapshot: string;
  createdAt?: number;
}

export interface Checkpoints {
  insert(input: CheckpointInput): Checkpoint;
  /** Newest first. */
  list(filter: { sessionId?: string; projectId?: string; limit?: number }): Checkpoint[];
  /** By id or handle. */
  get(ref: string): Checkpoint | null;
  /** The snapshot text of a checkpoint. */
  snapshot(id: string): string;
  remove(ids: string[]): number;
}

export interface ImportCursor {
  path: string;
  agent: string;
  offset: number;
  size: number;
  mtimeMs: number;
  fingerprint: string | null;
  state: JsonObject;
}

export interface ForgetSelector {
  /** Only this session (an id): its events, checkpoints and the session itself. */
  sessionId?: string;
  /** Text, case-insensitive: events, records, snapshots and titles that contain it. */
  match?: string;
  /** Epoch ms: events and checkpoints before it, and sessions it leaves empty. */
  before?: number;
}

export interface ForgetOptions {
  /** Count what would go, change nothing. */
  dryRun?: boolean;
  /** Who asked, for the audit log. */
  actor?: string;
  /** The audit action: `forget` by default, `prune` for retention. */
  action?: string;
}

export interface ForgetReport {
  events: number;
  sessions: number;
  checkpointsDeleted: number;
  /** Checkpoints kept, with the text cut out of their snapshot. */
  checkpointsRewritten: number;
  todos: number;
  decisions: number;
  facts: number;
  /** Sessions kept, with the text cut out of their title, end reason or metadata. */
  sessionsRewritten: number;
  /** Capture-error and audit lines the text was cut out of. */
  logLinesRewritten: number;
  /** Ids of what was deleted (at most 1000 each). */
  ids: { events: string[]; sessions: string[]; checkpoints: string[]; records: string[] };
}

export interface CompactReport {
  bytesBefore: number;
  bytesAfter: number;
  /** False when another process kept the WAL from being emptied (run it again later). */
  walTruncated: boolean;
}

export interface BackupReport {
  path: string;
  bytes: number;
  ms: number;
}

/** Upkeep of the store file: integrity, backup, forgetting for real, compaction. */
export interface Maintenance {
  /** Problems `PRAGMA integrity_check` (or quick_check) finds; empty when the file is sound. */
  integrityCheck(quick?: boolean): string[];
  /** A consistent copy of the store as a new single file, taken while others keep writing. */
  backup(path: string): Promise<BackupReport>;
  /** Deletes what the selector picks from every table that holds it, and audits it. */
  forget(selector: ForgetSelector, options?: ForgetOptions): ForgetReport;
  /** Merges the full-text indexes, vacuums and empties the WAL, so deleted bytes leave the disk. */
  compact(): CompactReport;
  /** Bytes of the store file and its WAL. */
  fileSizes(): { main: number; wal: number };
  /**
   * For a bulk write: commits stop checkpointing the WAL, so that a WalCheckpointer on another
   * thread can do it. Returns what turns them back on; null when the store has no WAL (in memory).
   */
  deferCheckpoints(): (() => void) | null;
}

export interface StoreInfo {
  path: string;
  machineId: string;
  schemaVersion: number;
}

export interface Store {
  readonly info: StoreInfo;
  readonly projects: Projects;
  readonly sessions: Sessions;
  readonly events: Events;
  readonly todos: Todos;
  readonly decisions: Decisions;
  readonly facts: ContextFacts;
  readonly components: Components;
  readonly checkpoints: Checkpoints;
  readonly maintenance: Maintenance;
  /** What sync reads and writes (see sync-support.ts). */
  readonly sync: SyncSupport;
  /** Runs `fn` in one write transaction; calls on the store inside it join that transaction. */
  transaction<T>(fn: () => T): T;
  /** Read-only SQL for modules that rank or aggregate (search, recovery, diagnostics). */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[] | Record<string, unknown>,
  ): T[];
  getCursor(path: string): ImportCursor | null;
  setCursor(cursor: ImportCursor): void;
  getSetting(key: string): JsonValue | undefined;
  setSetting(key: string, value: JsonValue): void;
  /** Records that a capture source was seen, or failed. */
  noteCapture(source: string, error?: string): void;
  audit(action: string, target: string | null, detail?: JsonObject, actor?: string): void;
  close(): void;
}
