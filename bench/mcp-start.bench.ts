// `baton mcp`'s start as an agent sees it: from the spawn to its answer to the last of the first
// requests Gemini 0.61 sends (initialize, notifications/initialized, prompts/list, tools/list,
// resources/list — Claude Code and Codex send fewer), beside Node running an empty script that
// prints one line, timed the same way in the same rounds (round-robin, so a burst of load on a
// shared machine hits both alike). What the entry adds above that is its own start: reading
// bin/baton.js and dist/mcp.cjs and answering. Also timed: from stdin's close to the exit.
//
// `BATON_BENCH_TINY=1` runs a few rounds, to check the bench works (its figures then mean nothing).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Benchmark, Figure } from './harness.js';
import { median } from './harness.js';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'baton.js');
const TINY = process.env.BATON_BENCH_TINY === '1';
const ROUNDS = TINY ? 3 : 40;

const REQUESTS = [
  {
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: { roots: { listChanged: true } },
      clientInfo: { name: 'gemini-cli-mcp-client', version: '0.61.0' },
    },
    jsonrpc: '2.0',
    id: 0,
  },
  { method: 'notifications/initialized', jsonrpc: '2.0' },
  { method: 'prompts/list', params: {}, jsonrpc: '2.0', id: 1 },
  { method: 'tools/list', params: {}, jsonrpc: '2.0', id: 2 },
  { method: 'resources/list', params: {}, jsonrpc: '2.0', id: 3 },
];
const ANSWERS = REQUESTS.filter((r) => 'id' in r).length;

interface Timed {
  /** From the spawn to the last answer (the baseline: its one line). */
  answered: number;
  /** From stdin's close to the exit. */
  exited: number;
}

/** Spawns `args`, sends the requests, waits for `lines` lines of output, then closes stdin. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv, lines: number): Promise<Timed> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['pipe', 'pipe', 'inherit'] });
    let seen = 0;
    let answered = 0;
    let closedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 0x0a) seen++;
      if (seen >= lines && closedAt === 0) {
        answered = performance.now() - t0;
        closedAt = performance.now();
        child.stdin.end();
      }
    });
    child.stdin.on('error', () => {
      // The baseline exits without reading its stdin.
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 || closedAt === 0) reject(new Error(`${args.join(' ')} exited ${code}`));
      else resolveRun({ answered, exited: performance.now() - closedAt });
    });
    child.stdin.write(REQUESTS.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });
}

const bench: Benchmark = {
  name: 'mcp-start',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'baton-mcp-start-'));
    try {
      const env = { PATH: process.env.PATH, HOME: dir, BATON_HOME: join(dir, 'home') };
      const baseline = join(dir, 'one-line.cjs');
      writeFileSync(baseline, "process.stdout.write('{}\\n');\n");
      const node: number[] = [];
      const entry: number[] = [];
      const own: number[] = [];
      const exits: number[] = [];
      await run([BIN, 'mcp'], dir, env, ANSWERS); // Warms the page cache.
      for (let r = 0; r < ROUNDS; r++) {
        const b = await run([baseline], dir, env, 1);
        const m = await run([BIN, 'mcp'], dir, env, ANSWERS);
        node.push(b.answered);
        entry.push(m.answered);
        own.push(m.answered - b.answered);
        exits.push(m.exited);
      }
      const note = TINY ? ' (a check, not a figure)' : '';
      const row = (metric: string, value: number): Figure => ({
        metric,
        value,
        unit: 'ms median',
        baseline: 'Node running a one-line script, to its line, same run',
        baselineValue: median(node),
        baselineUnit: 'ms median',
        target: '—',
      });
      return [
        row(
          `\`baton mcp\` from spawn to its ${ANSWERS} answers (${ROUNDS} runs)${note}`,
          median(entry),
        ),
        row('`baton mcp` own start (median of per-run differences)', median(own)),
        row('`baton mcp` from stdin closed to exit', median(exits)),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
