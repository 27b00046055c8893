// Import of Claude Code history: a large corpus built from the real fixture transcripts, copied
// and re-id'd (bench/claude-corpus.ts), imported into a fresh store the way `baton import` does
// (redaction, raw records compressed, full-text index), beside JSON.parse of the same bytes; and
// the store's size beside the transcripts' bytes.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { claudeCode, importHistory } from '../src/capture/index.js';
import { SqliteStore } from '../src/store/index.js';
import { buildClaudeCorpus } from './claude-corpus.js';
import { BENCH_DIR } from './fixtures.js';
import type { Benchmark } from './harness.js';

const COPIES = Number(process.env.BATON_BENCH_CLAUDE_COPIES ?? 40);

function parseOnly(files: string[]): { secs: number; lines: number } {
  const started = performance.now();
  let lines = 0;
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line) {
        JSON.parse(line);
        lines += 1;
      }
    }
  }
  return { secs: (performance.now() - started) / 1000, lines };
}

const bench: Benchmark = {
  name: 'claude-import',
  run() {
    const fixtures = process.env.BATON_REAL_FIXTURES;
    if (!fixtures)
      throw new Error('set BATON_REAL_FIXTURES to the shared fixtures folder (agents/)');
    const corpus = buildClaudeCorpus(fixtures, BENCH_DIR, COPIES);
    const baseline = parseOnly(corpus.files);
    const dbPath = join(BENCH_DIR, 'claude-import.db');
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
    const store = SqliteStore.open({ path: dbPath });
    const files = claudeCode.transcripts.discover({
      env: { CLAUDE_CONFIG_DIR: corpus.configDir },
      cwd: '/',
    });
    const started = performance.now();
    const summary = importHistory(store, claudeCode, files);
    const secs = (performance.now() - started) / 1000;
    store.database.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const dbBytes = statSync(dbPath).size;
    rmSync(dbPath, { force: true });
    if (summary.problems.length) throw new Error(`${summary.problems.length} problems`);
    const label = `${corpus.files.length} transcripts, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${summary.imported.toLocaleString('en-US')} events`;
    return Promise.resolve([
      {
        metric: `import claude-code, ${label} (redaction + raw + FTS)`,
        value: summary.imported / secs,
        unit: 'events/s',
        baseline: 'readFile + JSON.parse of every line',
        baselineValue: baseline.lines / baseline.secs,
        baselineUnit: 'lines/s',
        target: '≥ 50,000 events/s',
        met: summary.imported / secs >= 50_000,
      },
      {
        metric: 'import claude-code throughput in transcript bytes',
        value: corpus.bytes / 1e6 / secs,
        unit: 'MB/s',
        baseline: 'readFile + JSON.parse of every line',
        baselineValue: corpus.bytes / 1e6 / baseline.secs,
        baselineUnit: 'MB/s',
        target: '≥ 50 MB/s',
        met: corpus.bytes / 1e6 / secs >= 50,
      },
      {
        metric: 'store size after import (WAL checkpointed), lossless',
        value: dbBytes / 1e6,
        unit: 'MB',
        baseline: 'the transcripts it holds',
        baselineValue: corpus.bytes / 1e6,
        baselineUnit: 'MB',
        target: '≤ 0.6× the transcript bytes',
        met: dbBytes <= 0.6 * corpus.bytes,
      },
    ]);
  },
};

export default bench;
