// Full-text search over the durable records (todos, decisions, context facts), next to the event
// journal's index, and backfilled from what older stores already hold.
import type { Migration } from './migration.js';

export const recordsSearch: Migration = {
  version: 2,
  name: 'records-search',
  up: `
CREATE VIRTUAL TABLE records_fts USING fts5(
  kind UNINDEXED, record_id UNINDEXED, project_id UNINDEXED, body,
  tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO records_fts (kind, record_id, project_id, body)
  SELECT 'todo', id, project_id, content || ' ' || coalesce(active_form, '') || ' ' || coalesce(blocked_reason, '')
  FROM todos WHERE deleted_at IS NULL;
INSERT INTO records_fts (kind, record_id, project_id, body)
  SELECT 'decision', id, project_id, decision || ' ' || coalesce(reasoning, '') || ' ' || coalesce(outcome, '')
  FROM decisions WHERE deleted_at IS NULL;
INSERT INTO records_fts (kind, record_id, project_id, body)
  SELECT 'fact', id, project_id, key || ' ' || value || ' ' || coalesce(category, '')
  FROM facts WHERE deleted_at IS NULL;
`,
};
