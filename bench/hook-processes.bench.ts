// The CPU Baton's hook processes take from a one-prompt `codex exec` and `gemini -p` (on two cores
// every Node start, ~100 ms of CPU, is taken from the agent even when it does not wait for it).
// Each run alternates two HOMEs with Baton installed: as `baton install` writes it today (the shell
// spools the hooks the agent does not wait for: capture/install/spool-command.ts), and the same
// install with those hooks as before — a Node hook process per event, started in the background by
// the shell (`previousCommand` below), and Codex's `notify` a Node program. Every Node process of the
// session runs with a preload that notes its arguments and its CPU time (user + system) as it
// exits; the figure is the CPU of the processes running `baton hook …` (hooks and background
// workers; the MCP server is not counted), median over the runs, after one warm-up pair.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { literal, quoted } from '../src/capture/install/shell-words.js';
import {
  codexEnv,
  codexUserConfig,
  findCodex,
  prepareCodexHome,
} from '../test/agents/clients/codex-client.js';
import { findGemini, geminiEnv, prepareGeminiHome } from '../test/agents/clients/gemini-client.js';
import { geminiDialect } from '../test/agents/fake-model/gemini-dialect.js';
import { openaiDialect } from '../test/agents/fake-model/openai-dialect.js';
import { FakeModelServer } from '../test/agents/fake-model/server.js';
import type { ModelDialect } from '../test/agents/fake-model/server.js';
import { AgentSandbox, BATON_BIN } from '../test/agents/harness/agent-sandbox.js';
import { runProcess } from '../test/agents/harness/run-process.js';
import type { ProcessResult } from '../test/agents/harness/run-process.js';
import type { Benchmark, Figure } from './harness.js';
import { median } from './harness.js';

// BATON_AGENT_BENCH_RUNS=2 checks that the benchmark works; its figures then mean nothing.
const RUNS = Number(process.env.BATON_AGENT_BENCH_RUNS) || 9;
const PROMPT = 'Say hello';
const BATON = `"${process.execPath}" "${BATON_BIN}"`;

interface Client {
  label: string;
  agent: string;
  dialect: ModelDialect;
  /** Prepares the HOME and installs Baton; `previous` puts back a Node process per hook. */
  prepare(box: AgentSandbox, fake: FakeModelServer, previous: boolean): void;
  run(box: AgentSandbox, fake: FakeModelServer, env: NodeJS.ProcessEnv): Promise<ProcessResult>;
}

function install(box: AgentSandbox, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = box.baton([...args, '--command', BATON], env);
  if (r.code !== 0) throw new Error(`baton ${args.join(' ')} failed: ${r.stderr}`);
}

/**
 * The previous form of a hook the agent does not wait for: the shell starts Baton's Node hook as a
 * background job holding the hook's stdin (on fd 3), notes the job in `spool/workers/` as
 * `hook-<pid>` with the folder it ran in, and prints the reply.
 */
function previousCommand(command: string, home: string, reply?: string): string {
  const notes = `"\${BATON_HOME:-${literal(home)}}/spool/workers"`;
  const job = `exec 3<&0; ${command} <&3 >/dev/null 2>&1 3<&- & mkdir -p ${notes} && printf '%s' "$PWD" > ${notes}/hook-$!`;
  return reply === undefined ? `${job} || true` : `${job}; printf '%s' ${quoted(reply)}`;
}

/** Rewrites Baton's shell-spooled handlers in a hooks file as the previous Node hook commands. */
function previousHooks(
  box: AgentSandbox,
  file: string,
  agent: string,
  replies: Record<string, string>,
): void {
  const settings = JSON.parse(readFileSync(file, 'utf8')) as {
    hooks: Record<string, { hooks: { command?: string }[] }[]>;
  };
  for (const [event, groups] of Object.entries(settings.hooks))
    for (const h of groups.flatMap((g) => g.hooks))
      if (h.command?.startsWith(`: baton hook ${agent} `))
        h.command = previousCommand(`${BATON} hook ${agent}`, box.batonHome, replies[event]);
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

function clients(): Client[] {
  const out: Client[] = [];
  const codex = findCodex('0.171');
  if (!('missing' in codex))
    out.push({
      label: 'codex exec (Codex 0.171)',
      agent: 'codex',
      dialect: openaiDialect,
      prepare: (box, fake, previous) => {
        prepareCodexHome(box, codexUserConfig(fake));
        install(box, ['install', 'codex'], { CODEX_HOME: `${box.home}/.codex` });
        if (!previous) return;
        previousHooks(box, join(box.home, '.codex', 'hooks.json'), 'codex', {
          Stop: '{}',
          SubagentStop: '{}',
        });
        const config = join(box.home, '.codex', 'config.toml');
        const notify = JSON.stringify([process.execPath, BATON_BIN, 'hook', 'codex']);
        writeFileSync(
          config,
          readFileSync(config, 'utf8').replace(/^notify = .*$/m, `notify = ${notify}`),
        );
      },
      run: (box, _fake, env) =>
        runProcess(
          process.execPath,
          [
            codex.launcher,
            'exec',
            '--dangerously-bypass-hook-trust',
            '--dangerously-bypass-approvals-and-sandbox',
            '--skip-git-repo-check',
            PROMPT,
          ],
          { cwd: box.project, env: { ...codexEnv(box), ...env }, timeoutMs: 90_000 },
        ),
    });
  const gemini = findGemini('0.61');
  if (!('missing' in gemini))
    out.push({
      label: 'gemini -p (Gemini CLI 0.61)',
      agent: 'gemini',
      dialect: geminiDialect,
      prepare: (box, _fake, previous) => {
        prepareGeminiHome(box);
        install(box, ['install', 'gemini']);
        if (previous) previousHooks(box, join(box.home, '.gemini', 'settings.json'), 'gemini', {});
      },
      run: (box, fake, env) =>
        runProcess(process.execPath, [gemini.entry, '--yolo', '-p', PROMPT], {
          cwd: box.project,
          env: { ...geminiEnv(box, fake), ...env },
          timeoutMs: 120_000,
        }),
    });
  return out;
}

interface Counted {
  /** Node processes running `baton hook …` (hooks and workers) in the session. */
  starts: number;
  /** Of those, the hook processes proper (not `--background` workers). */
  hooks: number;
  cpuMs: number;
}

/** One session; what the preload noted for it. */
async function session(
  client: Client,
  box: AgentSandbox,
  fake: FakeModelServer,
  preload: string,
): Promise<Counted> {
  const log = join(box.root, 'processes.log');
  rmSync(log, { force: true });
  fake.scripted([{ text: 'Hello.' }]);
  const r = await client.run(box, fake, {
    NODE_OPTIONS: `--require ${preload}`,
    BATON_BENCH_PROCESS_LOG: log,
  });
  if (r.code !== 0) throw new Error(`${client.label} exited with ${r.code}`);
  // The workers the session's end started write their line as they exit.
  box.baton(['hook', '--wait']);
  const procs = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { args: string[]; cpuMs: number })
    .filter((p) => p.args[0] === 'hook');
  return {
    starts: procs.length,
    hooks: procs.filter((p) => p.args[1] !== '--background').length,
    cpuMs: procs.reduce((sum, p) => sum + p.cpuMs, 0),
  };
}

const bench: Benchmark = {
  name: 'hook-processes',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const client of clients()) {
      const fake = await FakeModelServer.start(client.dialect);
      const boxes = [true, false].map((previous) => {
        const box = AgentSandbox.create(`hookproc-${client.agent}`);
        client.prepare(box, fake, previous);
        return box;
      });
      const preload = join(boxes[0]!.root, 'note-process.cjs');
      writeFileSync(
        preload,
        `process.on('exit', () => { const u = process.cpuUsage(); ` +
          `require('node:fs').appendFileSync(process.env.BATON_BENCH_PROCESS_LOG, ` +
          `JSON.stringify({ args: process.argv.slice(2), cpuMs: (u.user + u.system) / 1000 }) + '\\n'); });`,
      );
      const counted: Counted[][] = [[], []];
      try {
        for (let i = 0; i <= RUNS; i++)
          for (let k = 0; k < 2; k++) {
            const c = await session(client, boxes[k]!, fake, preload);
            if (i > 0) counted[k]!.push(c);
          }
      } finally {
        await fake.close();
        for (const box of boxes) box.dispose();
      }
      const [before, now] = counted.map((runs) => ({
        cpu: median(runs.map((r) => r.cpuMs)),
        starts: median(runs.map((r) => r.starts)),
        hooks: median(runs.map((r) => r.hooks)),
      }));
      process.stdout.write(
        `${client.label}: Node processes per session ${now!.starts} (hooks ${now!.hooks}), before ${before!.starts} (hooks ${before!.hooks})\n`,
      );
      figures.push({
        metric: `${client.label}: CPU of Baton's hook processes and workers per session (median of ${RUNS}; ${now!.starts} Node processes, ${now!.hooks} of them hooks)`,
        value: Math.round(now!.cpu),
        unit: 'ms',
        baseline: `a Node process per hook, as before (${before!.starts} Node processes, ${before!.hooks} hooks)`,
        baselineValue: Math.round(before!.cpu),
        baselineUnit: 'ms',
        target: 'no Node start for a hook the agent does not wait for (only SessionStart’s)',
        met: now!.hooks === 1,
      });
    }
    return figures;
  },
};

export default bench;
