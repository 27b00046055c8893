// How each kind of mutable record maps between its table row and a sync state: which columns merge
// per field (with conflicts), which follow the newest state, which stay on this machine (a todo's
// number, a session's handle, a project's folder), and the id every machine knows it by.
import type { SyncKind } from '../sync-support.js';

export interface KindSpec {
  kind: SyncKind;
  table: 'projects' | 'sessions' | 'todos' | 'decisions' | 'facts' | 'components';
  /** Merged per field. */
  stamped: readonly string[];
  /** Taken from the newer state as a whole. `project` stands for project_id, as a project key. */
  derived: readonly string[];
  /** The table keeps per-field stamps in `field_hlc`; otherwise each field has the row's stamp. */
  fieldHlc: boolean;
  /** The table marks deletions with `deleted_at`. */
  tombstones: boolean;
  /** Columns a new local row needs that do not travel, with their values. */
  localDefaults: Readonly<Record<string, unknown>>;
  /** Columns holding JSON text, carried as JSON values. */
  json: readonly string[];
}

export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: 'project',
    table: 'projects',
    stamped: ['name', 'remote_url'],
    derived: ['key', 'created_at', 'machine_id'],
    fieldHlc: false,
    tombstones: false,
    localDefaults: { root: '' },
    json: [],
  },
  {
    kind: 'session',
    table: 'sessions',
    stamped: ['title', 'status', 'ended_at', 'end_reason', 'git_branch', 'git_head_end', 'meta'],
    derived: [
      'agent',
      'agent_session_id',
      'project',
      'cwd',
      'git_head_start',
      'started_at',
      'last_activity_at',
      'parent_id',
      'parent_kind',
      'machine_id',
    ],
    fieldHlc: false,
    tombstones: false,
    localDefaults: { event_count: 0, pid: null },
    json: ['meta'],
  },
  {
    kind: 'todo',
    table: 'todos',
    stamped: [
      'content',
      'status',
      'active_form',
      'priority',
      'component',
      'blocked_reason',
      'external_key',
    ],
    derived: [
      'project',
      'origin_session_id',
      'created_at',
      'updated_at',
      'started_at',
      'completed_at',
      'deleted_at',
      'machine_id',
    ],
    fieldHlc: true,
    tombstones: true,
    localDefaults: {},
    json: [],
  },
  {
    kind: 'decision',
    table: 'decisions',
    stamped: ['decision', 'reasoning', 'outcome', 'status', 'files'],
    derived: ['project', 'session_id', 'created_at', 'updated_at', 'deleted_at', 'machine_id'],
    fieldHlc: true,
    tombstones: true,
    localDefaults: {},
    json: ['files'],
  },
  {
    kind: 'fact',
    table: 'facts',
    stamped: ['value', 'category', 'priority', 'expires_at'],
    derived: [
      'project',
      'key',
      'session_id',
      'created_at',
      'updated_at',
      'deleted_at',
      'machine_id',
    ],
    fieldHlc: true,
    tombstones: true,
    localDefaults: {},
    json: ['value'],
  },
  {
    kind: 'component',
    table: 'components',
    stamped: ['status', 'health', 'metadata'],
    derived: ['project', 'name', 'last_checked', 'updated_at', 'deleted_at', 'machine_id'],
    fieldHlc: true,
    tombstones: true,
    localDefaults: {},
    json: ['metadata'],
  },
];

export const specOf = (kind: SyncKind): KindSpec => {
  const spec = KIND_SPECS.find((s) => s.kind === kind);
  if (!spec) throw new Error(`no sync spec for ${kind}`);
  return spec;
};

/** Todos and decisions have a per-project number, which stays local (two machines may clash). */
export const numbered = (spec: KindSpec) => spec.table === 'todos' || spec.table === 'decisions';
