// The Store role: the only writer of Baton's data. Every write is redacted, stamped with the
// machine and an HLC, and committed before the call returns. Everyone else asks named reads;
// search's ranking SQL (and tests) go through `query`, which is read-only.
import type { EventPreparation, PreparedEvent } from './prepare-event.js';
import type { PackedRaw } from './prepare-raw.js';
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

/** A project and how many sessions it has recorded. */
export interface ProjectActivity {
  name: string;
  root: string;
  sessions: number;
}

export interface Projects {
  /** Finds the project with this key (adding `root` to its known folders) or creates it. */
  ensure(input: ProjectInput): Project;
  /** By id, key, known root folder or name. */
  get(ref: string): Project | null;
  list(): Project[];
  /**
   * Every folder this machine knows each project by (a project pulled from another machine has
   * none until it is seen here), the project's own root first.
   */
  folders(): { key: string; root: string }[];
  /** The projects with the most sessions, most first (ties by name); those with none left out. */
  busiest(limit: number): ProjectActivity[];
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
  /** How many sessions the filter matches, whatever its limit ("20 of 40"). */
  count(filter?: Omit<SessionFilter, 'limit'>): number;
  // Named reads for capture.
  /** The session `agent` knows by its own id `agentSessionId`; one indexed lookup (hook hot path). */
  findByAgentId(agent: string, agentSessionId: string): Session | null;
  /** By Baton's own id or handle only (not an agent's session id): an exported line's session. */
  findByIdOrHandle(ref: string): Session | null;
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
  /**
   * Appends events prepared off the store's thread (see prepare-event.ts), as append does; `raw`:
   * their records, packed off it too (see prepare-raw.ts), one pointer per event.
   */
  appendPrepared(events: PreparedEvent[], raw?: PackedRaw): AppendResult;
  /** What createEventPreparer needs to prepare events exactly as this store would. */
  preparation(): EventPreparation;
  list(filter: EventFilter): BatonEvent[];
  /** Streams matching events in journal order without loading them all. */
  iterate(filter: EventFilter): IterableIterator<BatonEvent>;
  get(idOrSeq: string | number): BatonEvent | null;
  /** The session's `n`-th event (1-based, journal order), or null past its end. */
  nthInSession(sessionId: string, n: number): BatonEvent | null;
  /** The source record kept with an event, if any. */
  raw(seq: number): string | null;
  count(filter?: { sessionId?: string; projectId?: string }): number;
  lastSeq(): number;
  // Named reads for capture.
  /** The tool and data of the session's event stored under `ref` (a call read in an earlier run). */
  findByRef(
    sessionId: string,
    ref: string,
  ): { tool: string | null; data: JsonObject | null } | null;
  /**
   * Runs `fn` in one write transaction, writing the full-text index rows of the events it
   * appends when it returns, together (a bulk import's many small appends index much faster so).
   */
  indexAfter<T>(fn: () => T): T;
  /** The first of these sessions (in their order) holding an event under `ref`; one query. */
  holderOfRef(sessionIds: string[], ref: string): string | null;
  /** How many of the session's events have a ref in [`from`, `to`), of one source if given. */
  countRefsInRange(sessionId: string, from: string, to: string, source?: EventSource): number;
  /** The journal position of the session's event stored under `ref`, or null. */
  seqOfRef(sessionId: string, ref: string): number | null;
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
  /** When it happened, if not now: a todo imported from a transcript is dated by the transcript. */
  at?: number;
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
  /** Only todos whose external key ends with this (one list item across sessions). */
  externalKeySuffix?: string;
}

export interface Todos {
  add(input: TodoInput): Todo;
  /** `at`: when the change happened, if not now (an imported plan step). */
  update(id: string, patch: TodoPatch, at?: number): Todo;
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
  /** When it was first set, if not now (a fact brought back from an export); kept once set. */
  createdAt?: number;
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
  /** Its id, when it keeps the one it had elsewhere (an import); default: a new one. */
  id?: string;
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
  /** The ids of the checkpoints created at or after `from` and before `before` (ms). */
  idsCreatedBetween(from: number, before: number): string[];
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

/** A file some import read from: its cursor without the parser's state (see Store.importSources). */
export interface ImportSource {
  path: string;
  agent: string;
  /** Bytes read so far, and the file's size when last read. */
  offset: number;
  size: number;
  /** When the cursor last moved (ms). */
  updatedAt: number;
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
  /**
   * The same check on a worker thread with a read-only connection of its own, so this thread
   * stays free while it reads the whole file (an in-memory store is checked here).
   */
  integrityCheckApart(quick?: boolean): Promise<string[]>;
  /** A write-ahead log found cut at open (committed frames missing): noted for doctor. */
  noteWalCut(cut: { committed: number; present: number; keptAt: string }): void;
  /** The last cut log noted, if any. */
  walCut(): { at: number; committed: number; present: number; keptAt: string } | null;
  /** Problems the full-text indexes' own check finds; empty when they are sound. */
  searchIndexProblems(): string[];
  /** Builds the full-text indexes again from the events and records (nothing is lost). */
  rebuildSearchIndex(): { events: number };
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
  /**
   * Gives back the memory the connection holds beyond what it needs now (SQLite's page cache),
   * for a long-running process after a burst of work.
   */
  releaseMemory(): void;
}

export interface EventExcerpt {
  seq: number;
  ts: number;
  kind: EventKind;
  tool: string | null;
  /** The event's text, cut to the length asked for (tool output can be megabytes). */
  text: string | null;
  /** The event's data as stored: JSON text, parsed by the reader that wants it. */
  data: string | null;
}

export interface TailOptions {
  /** Journal position to read back from (inclusive). */
  upToSeq: number;
  limit: number;
  /** Only events of this kind. */
  kind?: EventKind;
  /** Characters of each event's text kept. */
  textCap: number;
}

/**
 * Reads across sessions and events that recovery asks of the journal: what a session or project did
 * lately, and how one session followed another. Each walks an index, so its cost depends on what
 * it returns, not on the size of the store.
 */
export interface Activity {
  /** The session's last events at or before `upToSeq`, newest first. */
  sessionTail(sessionId: string, opts: TailOptions): EventExcerpt[];
  /** How many events the session recorded up to `upToSeq` (inclusive). */
  sessionEventCount(sessionId: string, upToSeq: number): number;
  /** How many `error` events the session recorded. */
  sessionErrorCount(sessionId: string): number;
  /** Whether the session recorded any event after journal position `seq`. */
  sessionHasEventsAfter(sessionId: string, seq: number): boolean;
  /** Whether the project recorded work after `seq`; `system` events (bookkeeping) do not count. */
  projectHasWorkAfter(projectId: string, seq: number): boolean;
  /** Events of the project's sessions after journal position `afterSeq`, up to `upToSeq`. */
  projectEventCount(projectId: string | null, afterSeq: number, upToSeq: number): number;
  /**
   * The id of the project's most recently active session that is not a subagent's and not
   * `excludeId`; with `withEvents`, only among sessions that recorded something.
   */
  lastSessionId(projectId: string, excludeId: string, withEvents: boolean): string | null;
  /**
   * How the session was continued, when it was: `compact` or `clear`, the link kind of the first
   * session started from it by a compaction or a /clear; null when none was.
   */
  continuedBy(sessionId: string): 'compact' | 'clear' | null;
  /**
   * The project's newest events that the full-text query `match` finds, newest first. Throws the
   * SQLite error when FTS5 cannot parse `match`.
   */
  projectMentions(
    projectId: string,
    match: string,
    opts: { limit: number; textCap: number },
  ): (EventExcerpt & { sessionId: string })[];
}

/** A capture source's last sighting and failures (capture status). */
export interface CaptureLogEntry {
  lastSeenAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  errorCount: number;
}

/** A capture source's log entry with its name. */
export interface CaptureSource extends CaptureLogEntry {
  source: string;
}

export interface SessionLastSeen {
  handle: string;
  agent: string;
  lastActivityAt: number;
}

/** Vectors of events for the optional semantic search (search/semantic.ts). */
export interface Embeddings {
  /**
   * The oldest conversation turns (user and assistant messages with text) that have no vector from
   * `model`, after `afterSeq`, their text cut to `maxChars`.
   */
  pending(
    model: string,
    afterSeq: number,
    limit: number,
    maxChars: number,
  ): { seq: number; text: string }[];
  /** Stores vectors (float32) from `model`, replacing any older one of the same events. */
  put(model: string, vectors: { seq: number; vector: Float32Array }[]): void;
  /** Turns that could have a vector, and how many have one from `model`. */
  counts(model: string): { turns: number; embedded: number; otherModels: number };
  /** Loads a SQLite extension (sqlite-vec) into this connection. */
  loadExtension(path: string): void;
}

/** Totals over the whole store, for diagnostics. */
export interface Stats {
  /** Events per kind, most frequent first. */
  eventsByKind(): { kind: string; n: number }[];
  /** Live records of each kind. */
  recordCounts(): {
    todos: number;
    decisions: number;
    facts: number;
    checkpoints: number;
    projects: number;
  };
  /** Sessions per agent, with how many are active and crashed; most sessions first. */
  sessionsByAgent(): { agent: string; n: number; active: number; crashed: number }[];
  /** Each capture source's last success and last failure, by source name. */
  captureSources(): CaptureSource[];
  /** Sessions marked crashed whose last activity is at or after `since`, newest first. */
  crashedSince(since: number): SessionLastSeen[];
  /** Sessions still marked active whose last activity is before `before`, oldest first. */
  activeSilentSince(before: number): SessionLastSeen[];
  /**
   * Sessions and events per UTC day and agent, oldest day first, for one project or (null) all.
   * A session's events count on the day it started: the count walks the session index only.
   */
  activityByDay(projectId: string | null): DayActivity[];
}

/** One day's work of one agent (activityByDay). */
export interface DayActivity {
  /** YYYY-MM-DD, UTC. */
  day: string;
  agent: string;
  sessions: number;
  events: number;
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
  readonly activity: Activity;
  readonly stats: Stats;
  /** Vectors for semantic search (optional; empty unless configured). */
  readonly embeddings: Embeddings;
  /** What sync reads and writes (see sync-support.ts). */
  readonly sync: SyncSupport;
  /** Runs `fn` in one write transaction; calls on the store inside it join that transaction. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` (which writes through this store, and may await) in one write transaction, once
   * per `key`: the key is stored in the same commit, so a second call with it does nothing and
   * returns false. Replaying a spooled hook twice (a drain killed after its commit) adds nothing.
   */
  once(key: string, fn: () => Promise<void>): Promise<boolean>;
  /**
   * Runs `fn` (which may await) in one write transaction, in which each `once` call takes a
   * savepoint instead of a commit of its own: many replays share one commit (one fsync). A `once`
   * that throws undoes only its own writes; if `fn` throws, or the commit fails, nothing is kept.
   */
  onceBatch<T>(fn: () => Promise<T>): Promise<T>;
  /** Forgets the keys `once` stored before `before` (ms), so they do not pile up. */
  forgetOnceKeys(before: number): void;
  /** Read-only SQL for search's ranking and for tests; other code asks a named read. */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[] | Record<string, unknown>,
  ): T[];
  /**
   * Read-only SQL, one row at a time: each row is handed to `visit` and may be dropped at once,
   * so a thousand rows with their texts are never all held (nor copied by the collector) together.
   */
  queryEach<T = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
    visit: (row: T) => void,
  ): void;
  getCursor(path: string): ImportCursor | null;
  setCursor(cursor: ImportCursor): void;
  /** Every file an import has read from (one per cursor), by path. */
  importSources(): ImportSource[];
  getSetting(key: string): JsonValue | undefined;
  setSetting(key: string, value: JsonValue): void;
  /** Every setting whose key starts with `prefix`, by key (a damaged value reads as null). */
  settingsWithPrefix(prefix: string): Map<string, JsonValue>;
  /** Records that a capture source was seen, or failed. */
  noteCapture(source: string, error?: string): void;
  /** What noteCapture recorded for `source`, or null if it was never seen. */
  captureLog(source: string): CaptureLogEntry | null;
  audit(action: string, target: string | null, detail?: JsonObject, actor?: string): void;
  close(): void;
}
