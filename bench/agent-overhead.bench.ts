// What Baton as installed (hooks and MCP server) adds to a one-prompt non-interactive session of
// each genuine agent client, against a fake model server: `claude -p` (each pinned Claude Code),
// `codex exec` with trusted hooks, `gemini -p`. Each run alternates a HOME with Baton installed and
// one without (same client settings), so machine load hits both alike; the figure is the median
// of 9 of each, after one warm-up pair. Codex runs with `--dangerously-bypass-hook-trust`, which
// runs hooks as trusted ones run. The work hooks leave to Baton's background worker (a turn's and
// a session's end) is waited for after each run with Baton, outside the timed part.
import {
  claudePrint,
  findClaudeCode,
  prepareClaudeHome,
} from '../test/agents/clients/claude-code-client.js';
import {
  codexExec,
  codexUserConfig,
  findCodex,
  prepareCodexHome,
} from '../test/agents/clients/codex-client.js';
import {
  findGemini,
  geminiPrompt,
  prepareGeminiHome,
} from '../test/agents/clients/gemini-client.js';
import { anthropicDialect } from '../test/agents/fake-model/anthropic-dialect.js';
import { geminiDialect } from '../test/agents/fake-model/gemini-dialect.js';
import { openaiDialect } from '../test/agents/fake-model/openai-dialect.js';
import { FakeModelServer } from '../test/agents/fake-model/server.js';
import type { ModelDialect } from '../test/agents/fake-model/server.js';
import { AgentSandbox } from '../test/agents/harness/agent-sandbox.js';
import type { ProcessResult } from '../test/agents/harness/run-process.js';
import type { Benchmark, Figure } from './harness.js';
import { median } from './harness.js';

// BATON_AGENT_BENCH_RUNS=2 checks that the benchmark works; its figures then mean nothing.
const RUNS = Number(process.env.BATON_AGENT_BENCH_RUNS) || 9;
const TARGET_MS = 150;
const PROMPT = 'Say hello';

interface Client {
  label: string;
  dialect: ModelDialect;
  /** Prepares a sandbox's HOME for the client; `install` says whether Baton goes in too. */
  prepare(box: AgentSandbox, fake: FakeModelServer, install: boolean): void;
  run(box: AgentSandbox, fake: FakeModelServer): Promise<ProcessResult>;
}

function clients(): Client[] {
  const out: Client[] = [];
  for (const version of ['2.1.197', '2.1.332']) {
    const c = findClaudeCode(version);
    if ('missing' in c) continue;
    out.push({
      label: `claude -p (Claude Code ${version})`,
      dialect: anthropicDialect,
      prepare: (box, _fake, install) => {
        prepareClaudeHome(box);
        if (install) installed(box, ['install', 'claude-code']);
      },
      run: (box, fake) => claudePrint(c, box, fake, PROMPT),
    });
  }
  const codex = findCodex('0.171');
  if (!('missing' in codex))
    out.push({
      label: 'codex exec, trusted hooks (Codex 0.171)',
      dialect: openaiDialect,
      prepare: (box, fake, install) => {
        prepareCodexHome(box, codexUserConfig(fake));
        if (install) installed(box, ['install', 'codex'], { CODEX_HOME: `${box.home}/.codex` });
      },
      run: (box) => codexExec(codex, box, PROMPT),
    });
  const gemini = findGemini('0.61');
  if (!('missing' in gemini))
    out.push({
      label: 'gemini -p (Gemini CLI 0.61)',
      dialect: geminiDialect,
      prepare: (box, _fake, install) => {
        prepareGeminiHome(box);
        if (install) installed(box, ['install', 'gemini']);
      },
      run: (box, fake) => geminiPrompt(gemini, box, fake, PROMPT),
    });
  return out;
}

function installed(box: AgentSandbox, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = box.baton(args, env);
  if (r.code !== 0) throw new Error(`baton ${args.join(' ')}: ${r.stderr}`);
}

async function timed(client: Client, box: AgentSandbox, fake: FakeModelServer): Promise<number> {
  fake.scripted([{ text: 'Hello.' }]);
  const started = process.hrtime.bigint();
  const r = await client.run(box, fake);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.code !== 0)
    throw new Error(`${client.label} exited ${String(r.code)}: ${r.stderr.slice(-2000)}`);
  return ms;
}

async function measure(client: Client): Promise<Figure> {
  const fake = await FakeModelServer.start(client.dialect);
  const withBaton = AgentSandbox.create('bench-with');
  const without = AgentSandbox.create('bench-without');
  try {
    client.prepare(withBaton, fake, true);
    client.prepare(without, fake, false);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const bare = await timed(client, without, fake);
      const full = await timed(client, withBaton, fake);
      // The turn's and session's end the hooks left to a background worker, finished before the
      // next run starts (untimed), so that work never lands on the next run's clock.
      const settled = withBaton.baton(['hook', '--wait']);
      if (settled.code !== 0) throw new Error(`baton hook --wait: ${settled.stderr}`);
      if (i === 0) continue; // warm-up pair
      a.push(full);
      b.push(bare);
    }
    const added = median(a) - median(b);
    process.stdout.write(
      `  ${client.label}: ${Math.round(median(a))} ms with Baton vs ${Math.round(median(b))} ms ` +
        `without (${added >= 0 ? '+' : ''}${Math.round(added)} ms; target +${TARGET_MS})\n`,
    );
    return {
      metric: `${client.label}, one prompt, Baton installed, added wall time (median of ${RUNS})`,
      value: added,
      unit: 'ms',
      baseline: 'the same session without Baton',
      baselineValue: median(b),
      baselineUnit: 'ms',
      target: `≤ +${TARGET_MS} ms`,
      met: added <= TARGET_MS,
    };
  } finally {
    await fake.close();
    withBaton.dispose();
    without.dispose();
  }
}

const bench: Benchmark = {
  name: 'agent overhead (genuine clients)',
  async run() {
    const figures: Figure[] = [];
    for (const client of clients()) figures.push(await measure(client));
    return figures;
  },
};

export default bench;
