// Claude Code hooks as Claude Code runs them: whole processes of `bin/baton.js hook claude-code`
// fed real-shaped payloads. A tool event (PreToolUse, spooled) against a bare `node -e 0`, runs
// interleaved so machine load hits both alike; and SessionStart — store opened, spool drained,
// session recorded, brief built and printed — on a copy of the 1M-event store.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteStore } from '../src/store/index.js';
import { BENCH_DIR, ensureBigStore, projectName } from './fixtures.js';
import type { Benchmark, Figure } from './harness.js';
import { median, percentile } from './harness.js';

const BIN = resolve('bin/baton.js');
const RUNS = 31;

function wallMs(args: string[], input: string, env: NodeJS.ProcessEnv, cwd: string): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, env, cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function baseEnv(home: string): NodeJS.ProcessEnv {
  const { CLAUDE_CONFIG_DIR: _c, ...rest } = process.env;
  return { ...rest, BATON_HOME: home };
}

function toolEvents(cwd: string): Figure[] {
  const home = mkdtempSync(join(tmpdir(), 'baton-bench-hook-'));
  const env = baseEnv(home);
  const node: number[] = [];
  const spooled: number[] = [];
  const direct: number[] = [];
  try {
    for (let i = 0; i < RUNS + 2; i++) {
      const payload = JSON.stringify({
        session_id: 'bench-session',
        transcript_path: join(home, 'none.jsonl'),
        cwd,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: `npm test -- --shard ${i}`, description: 'Run the tests' },
        tool_use_id: `toolu_bench_${i}`,
      });
      const a = wallMs(['-e', '0'], '', env, cwd);
      const b = wallMs([BIN, 'hook', 'claude-code'], payload, env, cwd);
      const c = wallMs(
        [BIN, 'hook', 'claude-code'],
        payload.replace('toolu_bench', 'toolu_direct'),
        { ...env, BATON_HOOK_SPOOL: '0' },
        cwd,
      );
      if (i < 2) continue; // warm the page cache
      node.push(a);
      spooled.push(b);
      direct.push(c);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const base = median(node);
  return [
    {
      metric: `PreToolUse hook process (spooled, as installed), median of ${RUNS}`,
      value: median(spooled),
      unit: 'ms',
      baseline: 'bare `node -e 0`, median',
      baselineValue: base,
      baselineUnit: 'ms',
      target: '≤ 1.5× node -e 0',
      met: median(spooled) <= 1.5 * base,
    },
    {
      metric: 'PreToolUse hook process ÷ node -e 0',
      value: median(spooled) / base,
      unit: '×',
      baseline: 'bare `node -e 0`',
      baselineValue: 1,
      baselineUnit: '×',
      target: '≤ 1.5×',
      met: median(spooled) / base <= 1.5,
    },
    {
      metric: 'hook’s own time (median of hook − node)',
      value: median(spooled.map((s, i) => s - node[i]!)),
      unit: 'ms',
      baseline: 'bare `node -e 0`, median',
      baselineValue: base,
      baselineUnit: 'ms',
      target: '≤ 5 ms of its own work',
      met: median(spooled.map((s, i) => s - node[i]!)) <= 5,
    },
    {
      metric: 'PreToolUse written straight to the store (BATON_HOOK_SPOOL=0), median',
      value: median(direct),
      unit: 'ms',
      baseline: 'bare `node -e 0`, median',
      baselineValue: base,
      baselineUnit: 'ms',
      target: '— (why the hot path spools)',
    },
  ];
}

async function sessionStart(cwd: string): Promise<Figure[]> {
  const big = await ensureBigStore();
  const home = join(BENCH_DIR, 'claude-hook-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  copyFileSync(big, join(home, 'baton.db'));
  // The folder the sessions start in is one of the big store's projects (200 sessions, 20k events).
  const store = SqliteStore.open({ path: join(home, 'baton.db') });
  const project = store.projects.get(projectName(0))!;
  store.database
    .prepare('UPDATE projects SET key = ?, root = ? WHERE id = ?')
    .run(`path:${cwd}`, cwd, project.id);
  const events = store.events.count();
  store.close();
  const env = baseEnv(home);
  const node: number[] = [];
  const start: number[] = [];
  try {
    for (let i = 0; i < 17; i++) {
      const payload = JSON.stringify({
        session_id: `bench-start-${i}`,
        cwd,
        hook_event_name: 'SessionStart',
        source: 'startup',
      });
      const a = wallMs(['-e', '0'], '', env, cwd);
      const b = wallMs([BIN, 'hook', 'claude-code'], payload, env, cwd);
      if (i < 2) continue;
      node.push(a);
      start.push(b);
    }
  } finally {
    // A SessionStart leaves the spool's worker running in the home: wait for it before removing it.
    spawnSync(process.execPath, [BIN, 'hook', '--wait'], { env, cwd, stdio: 'ignore' });
    rmSync(home, { recursive: true, force: true, maxRetries: 5 });
  }
  return [
    {
      metric: `SessionStart hook, process start to brief printed, ${events.toLocaleString('en-US')}-event store, median of ${start.length}`,
      value: median(start),
      unit: 'ms',
      baseline: 'bare `node -e 0`, median',
      baselineValue: median(node),
      baselineUnit: 'ms',
      target: '≤ 150 ms',
      met: median(start) <= 150,
    },
    {
      metric: 'SessionStart hook, p95',
      value: percentile(start, 95),
      unit: 'ms',
      baseline: 'bare `node -e 0`, p95',
      baselineValue: percentile(node, 95),
      baselineUnit: 'ms',
      target: '—',
    },
  ];
}

const bench: Benchmark = {
  name: 'claude-hook',
  async run() {
    const cwd = mkdtempSync(join(tmpdir(), 'baton-bench-project-'));
    try {
      return [...toolEvents(cwd), ...(await sessionStart(cwd))];
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  },
};

export default bench;
