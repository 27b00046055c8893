// Recovery reads a session's last errors for every brief and checkpoint. Errors are rare among a
// session's events, so walking the session backwards to find them costs as much as the session is
// long; this small partial index finds them at once and adds almost nothing to ordinary writes.
import type { Migration } from './migration.js';

export const recoveryIndexes: Migration = {
  version: 4,
  name: 'recovery-indexes',
  up: `
CREATE INDEX events_session_errors ON events(session_id, seq) WHERE kind = 'error';
`,
};
