// The first schema: every record of src/core/types.ts, with the sync fields (machine, HLC stamp, per-field
// stamps, tombstones) that later work fills. Never edit a released migration; add a new one.
import type { Migration } from './migration.js';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  root TEXT NOT NULL,
  remote_url TEXT,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL
);
-- Folders seen for a project (a repository has one per worktree and clone).
CREATE TABLE project_roots (root TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id)) WITHOUT ROWID;

CREATE TABLE handle_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  agent TEXT NOT NULL,
  agent_session_id TEXT,
  project_id TEXT REFERENCES projects(id),
  cwd TEXT,
  git_branch TEXT,
  git_head_start TEXT,
  git_head_end TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'crashed')),
  started_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  ended_at INTEGER,
  end_reason TEXT,
  title TEXT,
  parent_id TEXT,
  parent_kind TEXT,
  pid INTEGER,
  event_count INTEGER NOT NULL DEFAULT 0,
  meta TEXT NOT NULL DEFAULT '{}',
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL
);
CREATE UNIQUE INDEX sessions_agent_session ON sessions(agent, agent_session_id) WHERE agent_session_id IS NOT NULL;
CREATE INDEX sessions_project ON sessions(project_id, last_activity_at);
CREATE INDEX sessions_active ON sessions(status) WHERE status = 'active';
CREATE INDEX sessions_parent ON sessions(parent_id) WHERE parent_id IS NOT NULL;

-- The journal. seq is the journal position; rows are never updated, only appended (or forgotten).
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  ts INTEGER NOT NULL,
  kind TEXT NOT NULL,
  role TEXT,
  tool TEXT,
  text TEXT,
  data TEXT,
  source TEXT NOT NULL,
  ref TEXT,
  -- The writing machine is the HLC stamp's suffix: one column less on the largest table.
  hlc TEXT NOT NULL,
  raw BLOB
);
CREATE UNIQUE INDEX events_ref ON events(session_id, ref) WHERE ref IS NOT NULL;
CREATE INDEX events_session ON events(session_id, seq);
-- Contentless: the text lives once, in events; the index holds only terms, and deletes are real.
CREATE VIRTUAL TABLE events_fts USING fts5(body, tool, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');

CREATE TABLE todos (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  number INTEGER NOT NULL,
  content TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'blocked', 'cancelled')),
  active_form TEXT,
  priority TEXT,
  component TEXT,
  blocked_reason TEXT,
  external_key TEXT,
  origin_session_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  started_at INTEGER,
  completed_at INTEGER,
  deleted_at INTEGER,
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  field_hlc TEXT NOT NULL DEFAULT '{}',
  UNIQUE (project_id, number)
);
CREATE INDEX todos_status ON todos(project_id, status);
CREATE INDEX todos_external ON todos(project_id, external_key) WHERE external_key IS NOT NULL;

CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  number INTEGER NOT NULL,
  decision TEXT NOT NULL,
  reasoning TEXT,
  outcome TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'reverted')),
  files TEXT NOT NULL DEFAULT '[]',
  session_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  field_hlc TEXT NOT NULL DEFAULT '{}',
  UNIQUE (project_id, number)
);

CREATE TABLE facts (
  id TEXT PRIMARY KEY,
  project_id TEXT REFERENCES projects(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  category TEXT,
  priority TEXT NOT NULL DEFAULT 'normal',
  expires_at INTEGER,
  session_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  field_hlc TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX facts_key ON facts(coalesce(project_id, ''), key);

CREATE TABLE components (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  health INTEGER,
  last_checked INTEGER NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  field_hlc TEXT NOT NULL DEFAULT '{}',
  UNIQUE (project_id, name)
);

CREATE TABLE checkpoints (
  id TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  project_id TEXT,
  label TEXT,
  trigger TEXT NOT NULL,
  journal_seq INTEGER NOT NULL,
  git_head TEXT,
  git_branch TEXT,
  git_dirty TEXT NOT NULL DEFAULT '[]',
  snapshot BLOB NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  machine_id TEXT NOT NULL,
  hlc TEXT NOT NULL
);
CREATE INDEX checkpoints_session ON checkpoints(session_id, created_at);
CREATE INDEX checkpoints_project ON checkpoints(project_id, created_at);

-- How far each transcript file was read, so imports are incremental.
CREATE TABLE import_cursors (
  path TEXT PRIMARY KEY,
  agent TEXT NOT NULL,
  offset INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  fingerprint TEXT,
  state TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Last capture and last failure per source (hook per agent, importer…), for diagnostics.
CREATE TABLE capture_log (
  source TEXT PRIMARY KEY,
  last_seen_at INTEGER,
  last_error TEXT,
  last_error_at INTEGER,
  error_count INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Who changed what, when; never the content that was forgotten.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  machine_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
);

-- Sync positions per remote and direction.
CREATE TABLE sync_state (
  target TEXT NOT NULL,
  direction TEXT NOT NULL,
  position TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (target, direction)
) WITHOUT ROWID;
`,
};
