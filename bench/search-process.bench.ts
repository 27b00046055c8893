// `baton search` as a process on the 1M-event store, beside `baton --version` (the CLI's start-up
// alone) and the same searches in-process, all measured in the same run, round-robin so a burst of
// load on a shared machine hits each alike. What search adds above --version is its own time:
// loading the search code and the store, opening the file, and searching. `baton search` is run
// as installed (bin/baton.js, which starts it in its small entry, src/cli/search-entry/); the
// same searches through the full CLI (dist/cli.js, the path before that entry and the one
// `--help` takes) are timed in the same rounds for comparison.
//
// `BATON_BENCH_TINY=1` runs it over a small store made on the spot, to check the bench works
// without building the big store (its figures then mean nothing).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { search } from '../src/search/index.js';
import { SqliteStore } from '../src/store/index.js';
import { BENCH_DIR, ensureBigStore, projectName } from './fixtures.js';
import type { Benchmark, Figure } from './harness.js';
import { median } from './harness.js';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'baton.js');
const FULL_CLI = resolve(import.meta.dirname, '..', 'dist', 'cli.js');
const TINY = process.env.BATON_BENCH_TINY === '1';
const ROUNDS = TINY ? 3 : 30;
const QUERIES = ['retryWithBackoff', 'why is the checkout payment failing', 'ECONNREFUSED'];

/** A store of a few hundred events, for checking the bench runs (BATON_BENCH_TINY). */
function tinyStore(path: string): void {
  const store = SqliteStore.open({ path });
  try {
    const project = store.projects.ensure({
      key: 'path:/bench/tiny',
      root: '/bench/tiny',
      remoteUrl: null,
      name: projectName(7),
    });
    const session = store.sessions.start({ agent: 'cli', projectId: project.id });
    const words = ['retryWithBackoff', 'checkout payment failing', 'ECONNREFUSED', 'deploy'];
    store.events.append(
      Array.from({ length: 400 }, (_, i) => ({
        sessionId: session.id,
        kind: 'user_message' as const,
        text: `event ${i} ${words[i % words.length]}`,
        source: 'cli' as const,
      })),
    );
  } finally {
    store.close();
  }
}

async function storeFile(dir: string): Promise<string> {
  if (!TINY) return ensureBigStore();
  const path = join(dir, 'tiny.db');
  tinyStore(path);
  return path;
}

function inProcess(path: string, projectId: string): number[] {
  const store = SqliteStore.open({ path });
  try {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const query of QUERIES) {
        const t = performance.now();
        search(store, { query, projectId });
        times.push(performance.now() - t);
      }
    }
    return times;
  } finally {
    store.close();
  }
}

const bench: Benchmark = {
  name: 'search-process',
  async run() {
    mkdirSync(BENCH_DIR, { recursive: true });
    const dir = mkdtempSync(join(TINY ? tmpdir() : BENCH_DIR, 'search-process-'));
    try {
      const home = join(dir, 'home');
      mkdirSync(home, { recursive: true });
      copyFileSync(await storeFile(dir), join(home, 'baton.db'));
      const env = { ...process.env, BATON_HOME: home, NO_COLOR: '1' };
      const project = projectName(7);
      const once = (args: string[], script = BIN) => {
        const t = performance.now();
        const r = spawnSync(process.execPath, [script, ...args], {
          cwd: dir,
          env,
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(`baton ${args.join(' ')}: ${r.stderr}`);
        return performance.now() - t;
      };
      const searchArgs = (q: string) => ['search', '--project', project, '--limit', '10', q];
      // Warms the page cache and, on Node 20, writes the entry's code cache in this home.
      once(searchArgs(QUERIES[0]!));
      once(searchArgs(QUERIES[0]!), FULL_CLI);
      // On Node 20 the entry leaves its code cache in the home: proof the figure is the entry's.
      const cached = existsSync(join(home, 'cache')) ? readdirSync(join(home, 'cache')) : [];
      if (
        !('enableCompileCache' in Module) &&
        !cached.some((f) => f.startsWith('search-main.cjs-'))
      ) {
        throw new Error('`baton search` did not run through its small entry (dist/search.cjs)');
      }
      const version: number[] = [];
      const processes: number[] = [];
      const own: number[] = [];
      const fullOwn: number[] = [];
      // The median over all queries is set by the ones with a thousand candidates to score (the
      // first two); a rare word's search costs less than --version's own start.
      const ownByQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
      for (let r = 0; r < ROUNDS; r++) {
        for (const query of QUERIES) {
          const v = once(['--version']);
          const s = once(searchArgs(query));
          const f = once(searchArgs(query), FULL_CLI);
          version.push(v);
          processes.push(s);
          own.push(s - v);
          ownByQuery.get(query)!.push(s - v);
          fullOwn.push(f - v);
        }
      }
      const store = SqliteStore.open({ path: join(home, 'baton.db') });
      const projectId = store.projects.get(project)!.id;
      store.close();
      const inside = median(inProcess(join(home, 'baton.db'), projectId));
      const size = TINY ? 'tiny store (a check, not a figure)' : '1M-event store';
      const runs = `${own.length} runs`;
      const row = (metric: string, value: number, target: string, met?: boolean): Figure => ({
        metric,
        value,
        unit: 'ms median',
        baseline: '`baton --version` as a process, same run',
        baselineValue: median(version),
        baselineUnit: 'ms median',
        target,
        ...(met !== undefined && { met }),
      });
      const ownMedian = median(own);
      process.stdout.write(`same searches in-process: ${inside.toFixed(1)} ms median\n`);
      process.stdout.write(
        `own time by query: ${QUERIES.map((q) => `"${q}" ${median(ownByQuery.get(q)!).toFixed(1)} ms`).join(', ')}\n`,
      );
      process.stdout.write(
        `same searches through the full CLI (dist/cli.js): ${median(fullOwn).toFixed(1)} ms median above --version\n`,
      );
      return [
        row(`\`baton search\` as a process, ${size} (${runs})`, median(processes), '—'),
        row(
          `\`baton search\` own time above \`baton --version\` (median of per-run differences; in-process search ${inside.toFixed(1)} ms)`,
          ownMedian,
          '≤ 20 ms median',
          ownMedian <= 20,
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
