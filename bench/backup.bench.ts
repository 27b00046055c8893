// `baton backup` of the 1M-event store — an online, consistent copy through SQLite's backup API,
// made a self-contained file and checked — beside a plain file copy of the same store.
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/index.js';
import { BENCH_DIR, BIG, ensureBigStore } from './fixtures.js';
import type { Benchmark } from './harness.js';

const bench: Benchmark = {
  name: 'backup',
  async run() {
    const source = await ensureBigStore();
    const copy = join(BENCH_DIR, 'backup-bench-copy.db');
    const backup = join(BENCH_DIR, 'backup-bench.db');
    for (const f of [copy, backup]) rmSync(f, { force: true });
    const copyStarted = performance.now();
    copyFileSync(source, copy);
    const copySecs = (performance.now() - copyStarted) / 1000;
    rmSync(copy, { force: true });
    const store = SqliteStore.open({ path: source });
    try {
      const report = await store.maintenance.backup(backup);
      const mb = statSync(backup).size / 1e6;
      return [
        {
          metric: `baton backup, ${BIG.events.toLocaleString('en-US')} events (${mb.toFixed(0)} MB), checked`,
          value: report.ms / 1000,
          unit: 's',
          baseline: 'cp of the same store file',
          baselineValue: copySecs,
          baselineUnit: 's',
          target: 'no target in docs/performance.md',
        },
      ];
    } finally {
      store.close();
      rmSync(backup, { force: true });
    }
  },
};

export default bench;
