// Recovery benchmarks (docs/performance.md): the brief built in-process on the 1M-event store (target ≤ 20 ms
// median), `baton resume` end to end as a process on that store (target ≤ 150 ms median, beside a
// bare `node -e 0`), and checkpoint creation time and size for a session of 10,000 events.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { identifyProject } from '../src/git/index.js';
import { createCheckpoint, createGitRunner, resumeBrief } from '../src/recover/index.js';
import type { BriefMode } from '../src/recover/index.js';
import { SqliteStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { BENCH_DIR, ensureBigStore, projectName } from './fixtures.js';
import type { Benchmark, Figure } from './harness.js';
import { median } from './harness.js';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'baton.js');
const ms = (start: number) => performance.now() - start;

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(ms(t));
  }
  return times;
}

function timeSync(runs: number, fn: () => unknown): number[] {
  return Array.from({ length: runs }, () => {
    const t = performance.now();
    fn();
    return ms(t);
  });
}

async function inProcessBriefs(store: Store, projectId: string, now: number): Promise<Figure[]> {
  const [last] = store.sessions.list({ projectId, limit: 1 });
  const baseline = median(
    timeSync(200, () => store.events.list({ sessionId: last!.id, order: 'desc', limit: 300 })),
  );
  const figures: Figure[] = [];
  for (const mode of ['quick', 'full', 'emergency'] as BriefMode[]) {
    const run = () => resumeBrief(store, { projectId, mode, now, git: null, detectCrashes: false });
    await run();
    const t = median(await timeAsync(200, run));
    figures.push({
      metric: `brief built in-process, ${mode} mode, 1M events / 10,000 sessions (store reads + build, no git)`,
      value: t,
      unit: 'ms median',
      baseline: 'reading the last 300 events of the same session',
      baselineValue: baseline,
      baselineUnit: 'ms median',
      target: '≤ 20 ms median',
      met: t <= 20,
    });
  }
  return figures;
}

/** A copy of the big store whose bench project lives in a real git repository at `repo`. */
function storeForProcess(bigPath: string, home: string, repo: string): void {
  mkdirSync(home, { recursive: true });
  copyFileSync(bigPath, join(home, 'baton.db'));
  mkdirSync(repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'b',
        GIT_AUTHOR_EMAIL: 'b@x',
        GIT_COMMITTER_NAME: 'b',
        GIT_COMMITTER_EMAIL: 'b@x',
      },
    });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), 'bench\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  writeFileSync(join(repo, 'src.ts'), 'x\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'two');
  const store = SqliteStore.open({ path: join(home, 'baton.db') });
  const id = identifyProject(repo);
  const project = store.projects.get(projectName(7))!;
  store.database
    .prepare('UPDATE projects SET key = ?, root = ? WHERE id = ?')
    .run(id.key, id.root, project.id);
  const [last] = store.sessions.list({ projectId: project.id, limit: 1 });
  store.sessions.update(last!.id, { gitHeadEnd: head, gitBranch: 'main' });
  store.close();
}

function processFigures(bigPath: string): Figure[] {
  const dir = join(BENCH_DIR, 'resume-process');
  rmSync(dir, { recursive: true, force: true });
  const home = join(dir, 'home');
  const repo = join(dir, 'repo');
  storeForProcess(bigPath, home, repo);
  const env = { ...process.env, BATON_HOME: home, NO_COLOR: '1' };
  const commands: Record<string, string[]> = {
    bare: ['-e', '0'],
    version: [BIN, '--version'],
    resume: [BIN, 'resume'],
    noGit: [BIN, 'resume', '--no-git'],
  };
  const once = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: repo, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    return ms(t);
  };
  once(commands.resume!); // warm the page cache
  // Round-robin, so a burst of load on this shared machine hits every command alike.
  const times: Record<string, number[]> = { bare: [], version: [], resume: [], noGit: [] };
  for (let i = 0; i < 40; i++)
    for (const [name, args] of Object.entries(commands)) times[name]!.push(once(args));
  const [bare, version, resume, noGit] = ['bare', 'version', 'resume', 'noGit'].map((k) =>
    median(times[k]!),
  ) as [number, number, number, number];
  rmSync(dir, { recursive: true, force: true });
  const row = (metric: string, value: number, target: string, met?: boolean): Figure => ({
    metric,
    value,
    unit: 'ms median',
    baseline: 'bare `node -e 0`',
    baselineValue: bare,
    baselineUnit: 'ms median',
    target,
    ...(met !== undefined && { met }),
  });
  return [
    row(
      '`baton resume` as a process, 1M-event store, in a git repository (crash check + brief + git)',
      resume,
      '≤ 150 ms median',
      resume <= 150,
    ),
    row('`baton resume --no-git` as a process, same store', noGit, '— (where the time goes)'),
    row('`baton --version` as a process (CLI start-up alone)', version, '— (where the time goes)'),
  ];
}

async function inRepoBrief(store: Store, projectId: string, now: number): Promise<Figure> {
  const repo = join(BENCH_DIR, 'brief-repo');
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  const git = createGitRunner();
  const run = () => resumeBrief(store, { projectId, now, cwd: repo, git, detectCrashes: false });
  await run();
  const t = median(await timeAsync(50, run));
  const status = median(timeSync(50, () => git.runSync(['status', '--porcelain=v1', '-z'], repo)));
  rmSync(repo, { recursive: true, force: true });
  return {
    metric: 'brief built in-process with git change detection (4 git commands in parallel)',
    value: t,
    unit: 'ms median',
    baseline: 'one `git status` spawn',
    baselineValue: status,
    baselineUnit: 'ms median',
    target: '— (git cost shown apart)',
  };
}

function sessionOf10k(store: Store): string {
  const project = store.projects.ensure({
    key: 'path:/bench/cp',
    root: '/bench/cp',
    remoteUrl: null,
    name: 'cp',
  });
  const s = store.sessions.start({ agent: 'claude-code', projectId: project.id });
  const words =
    'fix the rounding in the cart total so that checkout matches the invoice amount'.split(' ');
  const text = (i: number, n: number) =>
    Array.from({ length: n }, (_, k) => words[(i + k) % words.length]).join(' ');
  const inputs = Array.from({ length: 10_000 }, (_, i) => {
    const k = i % 10;
    if (k === 0)
      return {
        sessionId: s.id,
        kind: 'user_message' as const,
        text: text(i, 30),
        source: 'hook' as const,
      };
    if (k < 4)
      return {
        sessionId: s.id,
        kind: 'assistant_message' as const,
        text: text(i, 80),
        source: 'hook' as const,
      };
    if (k < 7)
      return {
        sessionId: s.id,
        kind: 'tool_call' as const,
        tool: 'Edit',
        text: `src/file-${i % 50}.ts`,
        data: { input: { file_path: `src/file-${i % 50}.ts` } },
        source: 'hook' as const,
      };
    if (k === 9 && i % 100 === 9)
      return {
        sessionId: s.id,
        kind: 'error' as const,
        tool: 'Bash',
        text: `FAIL test ${i}`,
        source: 'hook' as const,
      };
    return {
      sessionId: s.id,
      kind: 'tool_result' as const,
      text: text(i, 120),
      source: 'hook' as const,
    };
  });
  for (let i = 0; i < inputs.length; i += 1000) store.events.append(inputs.slice(i, i + 1000));
  for (let i = 0; i < 30; i++)
    store.todos.add({ projectId: project.id, content: `Todo ${i}: ${text(i, 10)}` });
  for (let i = 0; i < 15; i++)
    store.decisions.add({
      projectId: project.id,
      decision: text(i, 12),
      reasoning: text(i + 3, 20),
    });
  return s.id;
}

function checkpointFigures(): Figure[] {
  const path = join(BENCH_DIR, 'checkpoint-bench.db');
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const store = SqliteStore.open({ path });
  try {
    const sessionId = sessionOf10k(store);
    const rawBytes = store.query<{ n: number }>(
      'SELECT sum(length(baton_text(text))) + sum(coalesce(length(baton_text(data)), 0)) AS n FROM events',
    )[0]!.n;
    const baseline = median(timeSync(20, () => JSON.stringify(store.events.list({ sessionId }))));
    let size = 0;
    const t = median(
      timeSync(20, () => {
        size = createCheckpoint(store, {
          session: sessionId,
          trigger: 'manual',
          now: Date.now(),
          git: null,
        }).size;
      }),
    );
    return [
      {
        metric:
          'checkpoint creation, session of 10,000 events (one transaction, snapshot + brotli)',
        value: t,
        unit: 'ms median',
        baseline: 'reading the session’s 10,000 events and JSON.stringify',
        baselineValue: baseline,
        baselineUnit: 'ms median',
        target: '— (no DESIGN target)',
      },
      {
        metric: 'checkpoint size, same session (compressed snapshot)',
        value: size / 1024,
        unit: 'KiB',
        baseline: 'the session’s event text and data',
        baselineValue: rawBytes / 1024,
        baselineUnit: 'KiB',
        target: '— (no DESIGN target)',
      },
    ];
  } finally {
    store.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  }
}

const bench: Benchmark = {
  name: 'recovery',
  async run() {
    const bigPath = await ensureBigStore();
    const store = SqliteStore.open({ path: bigPath, readonly: true });
    const figures: Figure[] = [];
    try {
      const project = store.projects.get(projectName(7))!;
      const now = Date.now();
      figures.push(...(await inProcessBriefs(store, project.id, now)));
      figures.push(await inRepoBrief(store, project.id, now));
    } finally {
      store.close();
    }
    figures.push(...processFigures(bigPath));
    figures.push(...checkpointFigures());
    return figures;
  },
};

export default bench;
