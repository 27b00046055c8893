// Search latency on the 1M-event store: a fixed mix of queries people type (identifiers and their
// parts, paths, error messages, questions in plain words, prefixes, phrases, filters), each run
// over every project and within one project, beside `grep -c -i -F` of the query's main word over
// the same text exported to a file.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { search } from '../src/search/index.js';
import { SqliteStore } from '../src/store/index.js';
import { BENCH_DIR, BIG, ensureBigStore, projectName } from './fixtures.js';
import type { Benchmark, Figure } from './harness.js';
import { median, percentile } from './harness.js';

/** [query, the word grep looks for] */
const QUERIES: [string, string][] = [
  ['useSession', 'useSession'],
  ['session', 'session'],
  ['retryWithBackoff', 'retryWithBackoff'],
  ['thumbnailer', 'thumbnailer'],
  ['src/store/sqlite.ts', 'src/store/sqlite.ts'],
  ['cart.test.ts', 'cart.test.ts'],
  ['ECONNREFUSED', 'ECONNREFUSED'],
  ['"Cannot read properties of undefined"', 'Cannot read properties of undefined'],
  ['why is the checkout payment failing', 'checkout'],
  ['how did we fix the flaky login test', 'flaky'],
  ['where is the webhook timeout configured', 'webhook'],
  ['what did we decide about currency rounding', 'rounding'],
  ['migrat*', 'migrat'],
  ['thumb*', 'thumb'],
  ['timeout kind:error', 'timeout'],
  ['npm tool:Bash', 'npm'],
  ['file:checkout.ts', 'checkout.ts'],
  ['kind:error', 'Error'],
  ['invoice -email', 'invoice'],
  ['"flaky login"', 'flaky login'],
  ['deploy', 'deploy'],
  ['cache invalid', 'cache'],
  ['normalizeCurrency locale', 'normalizeCurrency'],
  ['expected actual', 'expected'],
];
const ROUNDS = 5;

/** The events' text, one line per event, as a file grep can read (made once). */
function exportText(store: SqliteStore): string {
  const path = join(BENCH_DIR, `events-text-${BIG.events}.txt`);
  if (existsSync(path)) return path;
  const fd = openSync(`${path}.tmp`, 'w');
  let chunk = '';
  for (const row of store.database
    .prepare('SELECT baton_text(text) AS text FROM events ORDER BY seq')
    .iterate()) {
    chunk += ((row as { text: string | null }).text ?? '').replace(/\s+/g, ' ') + '\n';
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  return path;
}

function timeSearches(store: SqliteStore, projectId: string | undefined): number[] {
  const times: number[] = [];
  for (const [query] of QUERIES) search(store, { query, ...(projectId && { projectId }) });
  for (let r = 0; r < ROUNDS; r++) {
    for (const [query] of QUERIES) {
      const started = performance.now();
      const { hits } = search(store, { query, ...(projectId && { projectId }) });
      times.push(performance.now() - started);
      if (hits.length === 0 && projectId === undefined) throw new Error(`no hits for ${query}`);
    }
  }
  return times;
}

function timeGrep(file: string): number[] {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [, word] of QUERIES) {
      const started = performance.now();
      try {
        execFileSync('grep', ['-c', '-i', '-F', word, file], { encoding: 'utf8' });
      } catch {
        // grep exits 1 when it counts nothing; the time is what matters.
      }
      times.push(performance.now() - started);
    }
  }
  return times;
}

function figures(label: string, times: number[], grep: number[]): Figure[] {
  const med = median(times);
  const p95 = percentile(times, 95);
  return [
    {
      metric: `search median, ${label} (${times.length} runs of ${QUERIES.length} queries)`,
      value: med,
      unit: 'ms',
      baseline: 'grep -c -i -F of the main word over the exported text, median',
      baselineValue: median(grep),
      baselineUnit: 'ms',
      target: '≤ 20 ms median',
      met: med <= 20,
    },
    {
      metric: `search p95, ${label}`,
      value: p95,
      unit: 'ms',
      baseline: 'grep -c -i -F of the main word, p95',
      baselineValue: percentile(grep, 95),
      baselineUnit: 'ms',
      target: '≤ 50 ms p95',
      met: p95 <= 50,
    },
  ];
}

const bench: Benchmark = {
  name: 'search',
  async run() {
    const store = SqliteStore.open({ path: await ensureBigStore() });
    try {
      const file = exportText(store);
      const grep = timeGrep(file);
      const all = timeSearches(store, undefined);
      const project = store.projects.get(projectName(7))!;
      const one = timeSearches(store, project.id);
      const slowest = QUERIES.map(
        ([q], i) => [q, Math.max(...all.filter((_, j) => j % QUERIES.length === i))] as const,
      )
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3);
      process.stdout.write(
        `slowest (all projects): ${slowest.map(([q, t]) => `${q} ${t.toFixed(0)} ms`).join('; ')}\n`,
      );
      return [
        ...figures(`${BIG.events.toLocaleString('en-US')} events, all projects`, all, grep),
        ...figures('one project of 50', one, grep),
      ];
    } finally {
      store.close();
    }
  },
};

export default bench;
