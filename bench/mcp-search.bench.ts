// The MCP `search` tool's round trip over stdio — the SDK's client talking to `baton mcp` as a child
// process on the 1M-event store — beside the same search called in-process on the same store, so
// the figure shows what the protocol and the process boundary add to the search itself.
import { existsSync, linkSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { SearchOptions } from '../src/search/index.js';
import { searchEvents } from '../src/search/index.js';
import { SqliteStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { BENCH_DIR, BIG, ensureBigStore, projectName } from './fixtures.js';
import type { Benchmark, Figure } from './harness.js';
import { median, percentile } from './harness.js';

const WARMUP = 10;

/**
 * Two kinds of query on the generated corpus: words that occur in few events (error messages, as
 * an agent looking for "that error from last week" types them) and words from its small common
 * vocabulary, each of which occurs in 5–15% of the million events — the worst case for any
 * full-text index, and a measure of the search behind the tool more than of the tool.
 */
const QUERY_SETS = {
  selective: {
    rounds: 200,
    queries: [
      'ECONNREFUSED',
      'SyntaxError Unexpected token',
      'Cannot read properties',
      'exceeded webhook',
      'FAIL expected received',
    ],
  },
  broad: {
    rounds: 100,
    queries: [
      'checkout payment failing',
      'retryWithBackoff timeout',
      'invoice rounding currency',
      'src/store/sqlite.ts',
    ],
  },
} as const;
type QuerySet = (typeof QUERY_SETS)[keyof typeof QUERY_SETS];

/** A BATON_HOME whose baton.db is the big store (a hard link: same bytes, no copy). */
function homeFor(storeFile: string): string {
  const home = join(BENCH_DIR, 'mcp-home');
  mkdirSync(home, { recursive: true });
  const db = join(home, 'baton.db');
  if (!existsSync(db)) {
    try {
      linkSync(storeFile, db);
    } catch {
      copyFileSync(storeFile, db);
    }
  }
  return home;
}

async function connect(home: string, project: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [resolve('bin/baton.js'), 'mcp', '--project', project],
    env: { BATON_HOME: home },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function timed(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Each query runs in-process and then through the server, turn about, so both see the same page
 * cache and the same load from whatever else the machine is doing.
 */
async function measure(store: Store, client: Client, projectId: string, set: QuerySet) {
  const direct: number[] = [];
  const stdio: number[] = [];
  for (let i = 0; i < WARMUP + set.rounds; i++) {
    const query = set.queries[i % set.queries.length]!;
    // The tool asks for one hit more than it shows, to know whether there is a next page.
    const options: SearchOptions = { query, projectId, limit: 11, offset: 0 };
    // The search `baton mcp` is wired to (src/cli/commands/mcp.ts).
    const a = await timed(() => searchEvents(store, options));
    const b = await timed(async () => {
      const r = await client.callTool({ name: 'search', arguments: { query } });
      if (r.isError) throw new Error(JSON.stringify(r.content));
    });
    if (i >= WARMUP) {
      direct.push(a);
      stdio.push(b);
    }
  }
  return { direct, stdio };
}

function figures(kind: string, set: QuerySet, stdio: number[], direct: number[]): Figure[] {
  const label = `${(BIG.events / 1e6).toFixed(0)}M events, ${kind} queries (${set.queries.length} × ${set.rounds / set.queries.length})`;
  const baseline = 'the same search in-process';
  return [
    {
      metric: `MCP search tool round trip over stdio, median, ${label}`,
      value: median(stdio),
      unit: 'ms',
      baseline: `${baseline}, median`,
      baselineValue: median(direct),
      baselineUnit: 'ms',
      target: '≤ 30 ms',
      met: median(stdio) <= 30,
    },
    {
      metric: `what MCP over stdio adds per call (median of per-call differences), ${label}`,
      value: median(stdio.map((t, i) => t - direct[i]!)),
      unit: 'ms',
      baseline: `${baseline}, median`,
      baselineValue: median(direct),
      baselineUnit: 'ms',
      target: '—',
    },
    {
      metric: `MCP search tool round trip over stdio, p95, ${label}`,
      value: percentile(stdio, 95),
      unit: 'ms',
      baseline: `${baseline}, p95`,
      baselineValue: percentile(direct, 95),
      baselineUnit: 'ms',
      target: '—',
    },
  ];
}

const bench: Benchmark = {
  name: 'mcp-search',
  async run() {
    const storeFile = await ensureBigStore();
    const home = homeFor(storeFile);
    const project = projectName(0);
    const store = SqliteStore.open({ path: storeFile, readonly: true });
    const client = await connect(home, project);
    try {
      const projectId = store.projects.get(project)!.id;
      const selective = await measure(store, client, projectId, QUERY_SETS.selective);
      const broad = await measure(store, client, projectId, QUERY_SETS.broad);
      return [
        ...figures('selective', QUERY_SETS.selective, selective.stdio, selective.direct),
        ...figures('broad', QUERY_SETS.broad, broad.stdio, broad.direct),
      ];
    } finally {
      await client.close();
      store.close();
      for (const f of ['baton.db-wal', 'baton.db-shm']) rmSync(join(home, f), { force: true });
    }
  },
};

export default bench;
