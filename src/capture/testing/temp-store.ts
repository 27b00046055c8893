// Test support: a real SQLite store in a fresh temporary folder, and copies of files into one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../store/index.js';

export interface TempStore {
  store: SqliteStore;
  dir: string;
  cleanup(): void;
}

export function tempStore(prefix = 'baton-capture-'): TempStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = SqliteStore.open({ path: join(dir, 'baton.db') });
  return {
    store,
    dir,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
