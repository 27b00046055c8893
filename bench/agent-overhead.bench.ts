// What Baton as installed (hooks and MCP server) adds to a one-prompt non-interactive session of
// each genuine agent client, against a fake model server: `claude -p` (each pinned Claude Code),
// `codex exec` with trusted hooks, `gemini -p`. Each run alternates a HOME with Baton installed and
// one without (same client settings), so machine load hits both alike; the figure is the median
// of 9 of each, after one warm-up pair. Codex runs with `--dangerously-bypass-hook-trust`, which
// runs hooks as trusted ones run. The work hooks leave to Baton's background worker (a turn's and
// a session's end) is waited for after each run with Baton, outside the timed part.
//
// Two more HOMEs run in the same rounds (agent-noop.ts): Baton installed and then every
// registration made a no-op — what that adds is the client's own price for the hooks and the MCP
// server entry, whatever answers them, the least any Baton with these registrations could add —
// and the same with only the MCP server, SessionStart (the brief) and SessionEnd kept, the fewest
// registrations that still give a session its brief, its MCP tools and its end.
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
import { noopRegistrations } from './agent-noop.js';
import type { NoopSet } from './agent-noop.js';
import type { Benchmark, Figure } from './harness.js';
import { median } from './harness.js';

// BATON_AGENT_BENCH_RUNS=2 checks that the benchmark works; its figures then mean nothing.
const RUNS = Number(process.env.BATON_AGENT_BENCH_RUNS) || 9;
/** BATON_AGENT_BENCH_ONLY=codex (any part of a client's label) measures only the clients named. */
const ONLY = process.env.BATON_AGENT_BENCH_ONLY?.toLowerCase();
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

const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${Math.round(ms)} ms`;

/** One HOME the rounds run in: how it is set up, and what it is called in the figures. */
interface Arm {
  name: string;
  install: boolean;
  noop?: NoopSet;
}

const ARMS: readonly Arm[] = [
  { name: 'without', install: false },
  { name: 'with', install: true },
  { name: 'noop-all', install: true, noop: 'all' },
  { name: 'noop-least', install: true, noop: 'least' },
  { name: 'noop-mcp', install: true, noop: 'mcp' },
];

async function measure(client: Client): Promise<Figure[]> {
  const fake = await FakeModelServer.start(client.dialect);
  const boxes = ARMS.map((arm) => AgentSandbox.create(`bench-${arm.name}`));
  try {
    ARMS.forEach((arm, i) => {
      client.prepare(boxes[i]!, fake, arm.install);
      if (arm.noop) noopRegistrations(boxes[i]!.home, arm.noop);
    });
    const times: number[][] = ARMS.map(() => []);
    for (let round = 0; round <= RUNS; round++) {
      for (let i = 0; i < ARMS.length; i++) {
        const ms = await timed(client, boxes[i]!, fake);
        if (ARMS[i]!.name === 'with') {
          // The turn's and session's end the hooks left to a background worker, finished before
          // the next run starts (untimed), so that work never lands on the next run's clock.
          const settled = boxes[i]!.baton(['hook', '--wait']);
          if (settled.code !== 0) throw new Error(`baton hook --wait: ${settled.stderr}`);
        }
        if (round > 0) times[i]!.push(ms); // round 0 warms up
      }
    }
    const of = (name: string) => median(times[ARMS.findIndex((arm) => arm.name === name)]!);
    const [bare, full, all, least, mcp] = [
      of('without'),
      of('with'),
      of('noop-all'),
      of('noop-least'),
      of('noop-mcp'),
    ];
    process.stdout.write(
      `  ${client.label}: without ${Math.round(bare)} ms; with Baton ${signed(full - bare)}; ` +
        `its registrations as no-ops ${signed(all - bare)}; only the MCP server, SessionStart ` +
        `and SessionEnd as no-ops ${signed(least - bare)}; the MCP server alone as a no-op ` +
        `${signed(mcp - bare)} (target +${TARGET_MS})\n`,
    );
    const row = {
      unit: 'ms',
      baseline: 'the same session without Baton',
      baselineValue: bare,
      baselineUnit: 'ms',
    };
    return [
      {
        metric: `${client.label}, one prompt, Baton installed, added wall time (median of ${RUNS})`,
        value: full - bare,
        ...row,
        target: `≤ +${TARGET_MS} ms`,
        met: full - bare <= TARGET_MS,
      },
      {
        metric: `${client.label}, Baton's registrations each a no-op (the client's own cost of them), added wall time`,
        value: all - bare,
        ...row,
        target: '—',
      },
      {
        metric: `${client.label}, only the MCP server, SessionStart and SessionEnd registered, each a no-op, added wall time`,
        value: least - bare,
        ...row,
        target: '—',
      },
      {
        metric: `${client.label}, only the MCP server registered, a no-op, added wall time`,
        value: mcp - bare,
        ...row,
        target: '—',
      },
    ];
  } finally {
    await fake.close();
    for (const box of boxes) box.dispose();
  }
}

const bench: Benchmark = {
  name: 'agent overhead (genuine clients)',
  async run() {
    const figures: Figure[] = [];
    for (const client of clients()) {
      if (ONLY && !client.label.toLowerCase().includes(ONLY)) continue;
      figures.push(...(await measure(client)));
    }
    return figures;
  },
};

export default bench;
