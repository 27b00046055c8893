// Concurrent first commands on a new store: every one of them migrates the empty file or waits
// for the one that does, and every write is kept. (Before migrations re-checked the schema
// version under the write lock, 4 of 60 failed with "table meta already exists".)
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { tempHome } from '../e2e/run-baton.js';
import { runBatonAsync } from './processes.js';
import { soakFigure, soakTimeout } from './soak-figures.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

/** BATON_SOAK_PROCESSES: how many first commands race (`npm run soak -- first-open`). */
const PROCESSES = Number(process.env.BATON_SOAK_PROCESSES ?? 60);

describe('first open of a new store', () => {
  it(
    `${PROCESSES} processes create the store at once: no errors, all writes kept`,
    async () => {
      const project = join(home, 'project');
      mkdirSync(project);
      execFileSync('git', ['init', '-q', project]);
      // A generous busy timeout: this pins the migration race, not how long a loaded machine
      // may take to hand the lock round 60 processes.
      const env = { BATON_BUSY_TIMEOUT_MS: '120000' };
      const results = await Promise.all(
        Array.from({ length: PROCESSES }, (_, i) =>
          runBatonAsync(['todo', 'add', `first-open ${i}`], { home, cwd: project, env }),
        ),
      );
      const failures = results.filter((r) => r.code !== 0).map((r) => r.stderr.trim());
      expect(failures).toEqual([]);
      const store = SqliteStore.open({ path: storePath(home) });
      const titles = store
        .query<{ content: string }>('SELECT content FROM todos')
        .map((r) => r.content)
        .sort();
      store.close();
      expect(new Set(titles).size).toBe(PROCESSES);
      soakFigure(
        'first-open',
        `${PROCESSES} concurrent first commands on a new store: ${failures.length} errors, ${titles.length} of ${PROCESSES} writes kept`,
      );
    },
    soakTimeout(PROCESSES, 2_000),
  );
});
