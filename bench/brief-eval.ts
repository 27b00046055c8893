// How well the default brief serves a resuming agent, measured on real transcripts. It imports the
// fixtures into a throwaway Baton home with a fixed clock, builds each session's brief through the
// CLI (`baton resume --session H`, the same path a user takes), and checks it against the facts an
// independent reader (brief-facts.ts) finds in the transcript itself. Prints, per agent and overall:
// fact recall, noise lines and brief sizes.
//
//   npm run eval:brief [-- --show]      (needs BATON_REAL_FIXTURES)
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fixedClock } from '../src/core/index.js';
import { runCli } from '../src/cli/index.js';
import { extractFacts, readLines } from './brief-facts.js';
import type { Agent, SessionFacts } from './brief-facts.js';
import { noiseLines, recallChecks } from './brief-score.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const AGENTS: [Agent, string][] = [
  ['claude-code', '.claude'],
  ['codex', '.codex'],
  ['gemini', '.gemini'],
];

async function baton(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  const chunks: Buffer[] = [];
  const stdout = new Writable({
    write(c: Buffer | string, _e, done) {
      chunks.push(Buffer.from(c));
      done();
    },
  });
  const stdin = new PassThrough();
  stdin.end();
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  await runCli(args, { env, cwd, stdin, stdout, stderr, clock: fixedClock(NOW) });
  return Buffer.concat(chunks).toString('utf8');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.jsonl?$/.test(n) ? [p] : [];
  });
}

/** The ids an agent's session could carry for this transcript file. */
function idsOf(agent: Agent, file: string): string[] {
  const name = basename(file).replace(/\.jsonl?$/, '');
  const ids = [name];
  const uuid = /([0-9a-f]{8}-[0-9a-f-]{27,})$/.exec(name);
  if (uuid) ids.push(uuid[1]!);
  if (agent === 'gemini') {
    const head = readLines(file)[0];
    if (head && typeof head.sessionId === 'string') ids.push(head.sessionId);
    if (file.endsWith('.json')) {
      const all = JSON.parse(readFileSync(file, 'utf8')) as { sessionId?: string };
      if (all.sessionId) ids.push(all.sessionId);
    }
  }
  return ids;
}

interface Row {
  agent: Agent;
  handle: string;
  size: number;
  /** `--mode full`: its size and the facts it holds (of the same checks). */
  fullSize: number;
  fullHits: number;
  hits: number;
  checks: number;
  noise: number;
  missed: string[];
  noisy: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
}

function report(label: string, rows: Row[]): string {
  const hits = rows.reduce((n, r) => n + r.hits, 0);
  const checks = rows.reduce((n, r) => n + r.checks, 0);
  const noise = rows.reduce((n, r) => n + r.noise, 0);
  const sizes = rows.map((r) => r.size);
  const recall = checks ? (hits / checks).toFixed(2) : 'n/a';
  return `| ${label} | ${rows.length} | ${recall} (${hits}/${checks}) | ${noise} | ${median(sizes)} | ${Math.max(...sizes)} |`;
}

/** `--mode full` beside the default brief: the same facts, and how much more it says. */
function fullReport(rows: Row[]): string {
  const hits = rows.reduce((n, r) => n + r.fullHits, 0);
  const checks = rows.reduce((n, r) => n + r.checks, 0);
  const quick = rows.reduce((n, r) => n + r.size, 0);
  const full = rows.reduce((n, r) => n + r.fullSize, 0);
  const ratios = rows.map((r) => r.fullSize / r.size);
  return [
    '',
    '| --mode full | fact recall | median size | max size | total full / total quick | median ratio | min ratio |',
    '|---|---|---|---|---|---|---|',
    `| all | ${(hits / checks).toFixed(2)} (${hits}/${checks}) | ${median(rows.map((r) => r.fullSize))} | ${Math.max(...rows.map((r) => r.fullSize))} | ${(full / quick).toFixed(2)} | ${median(ratios).toFixed(2)} | ${Math.min(...ratios).toFixed(2)} |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const fixtures = process.env.BATON_REAL_FIXTURES;
  if (!fixtures) {
    console.error('set BATON_REAL_FIXTURES to the folder of real agent transcripts');
    process.exit(2);
  }
  const show = process.argv.includes('--show');
  const home = mkdtempSync(join(tmpdir(), 'baton-brief-eval-'));
  try {
    for (const [agent, dir] of AGENTS) symlinkSync(resolve(fixtures, agent), join(home, dir));
    const work = join(home, 'work');
    mkdirSync(work);
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      BATON_HOME: join(home, 'baton'),
      TZ: 'UTC',
      LANG: 'C',
    };
    await baton(['import'], env, work);
    const listed = JSON.parse(
      await baton(['session', 'list', '--all-projects', '--json', '-n', '100000'], env, work),
    ) as { handle: string; agent: string; agentSessionId?: string | null }[];
    const files = AGENTS.flatMap(([agent]) =>
      walk(resolve(fixtures, agent)).map((f) => ({ agent, f, ids: idsOf(agent, f) })),
    );
    const rows: Row[] = [];
    for (const s of listed.sort((a, b) => a.handle.localeCompare(b.handle))) {
      const tail = (s.agentSessionId ?? '').split('/').pop() ?? '';
      const file = files.find((x) => x.agent === s.agent && x.ids.includes(tail));
      if (!file) {
        // A session Baton made for a subagent whose parent transcript is absent.
        console.error(`skipped ${s.handle}: no transcript of its own (${s.agentSessionId})`);
        continue;
      }
      const brief = await baton(['resume', '--session', s.handle, '--no-git'], env, work);
      const facts: SessionFacts = extractFacts(file.agent, file.f);
      const checks = recallChecks(facts, brief);
      const noisy = noiseLines(brief, facts);
      const missed = checks.filter((c) => !c.ok).map((c) => c.fact);
      const full = await baton(
        ['resume', '--session', s.handle, '--no-git', '--mode', 'full'],
        env,
        work,
      );
      const fullChecks = recallChecks(facts, full);
      rows.push({
        agent: file.agent,
        handle: s.handle,
        size: brief.length,
        fullSize: full.length,
        fullHits: fullChecks.filter((c) => c.ok).length,
        hits: checks.length - missed.length,
        checks: checks.length,
        noise: noisy.length,
        missed,
        noisy,
      });
    }
    console.log('| agent | sessions | fact recall | noise lines | median size | max size |');
    console.log('|---|---|---|---|---|---|');
    for (const [agent] of AGENTS)
      console.log(
        report(
          agent,
          rows.filter((r) => r.agent === agent),
        ),
      );
    console.log(report('all', rows));
    console.log(fullReport(rows));
    if (show) {
      for (const r of rows) {
        if (!r.missed.length && !r.noisy.length) continue;
        console.log(`\n${r.handle} (${r.agent}, ${r.size} chars)`);
        for (const m of r.missed) console.log(`  missed: ${m}`);
        for (const n of r.noisy) console.log(`  noise: ${n}`);
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
