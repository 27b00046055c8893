// No brief missed under load, as 8 agents really load a machine: each starts a session
// (SessionStart, which the agent waits on and which prints the brief), then works in turns — a
// prompt, a few tool calls 0.5–3 s apart (PreToolUse and PostToolUse), the turn's Stop — and ends
// its session; meanwhile an events import writes the whole time and `baton search` runs every few
// seconds. Every SessionStart prints its project's brief and its start is recorded, every hook's
// event is stored as it was sent, every imported event is there.
//
// The agents are Claude Code with Baton installed: `baton install claude-code` runs in the soak's
// home and each event fires exactly the handler it wrote into settings.json, run as Claude Code
// runs it (claude-hooks.ts). BATON_SOAK_HOOKS picks the install: `mcp` (the default install) sends
// prompts, tool calls and Stop to the hook tool of each agent's own `baton mcp` (one server process
// per agent, started as ~/.claude.json says, spoken to with the MCP SDK client), while SessionStart
// is a command and SessionEnd a detached command; `command` (`--no-mcp`) makes every hook a command
// through /bin/sh. A hook's time is what the agent waits for: the tools/call round trip, or the
// shell's run.
//
// Beside the hooks a bare `node -e 0` is launched through /bin/sh the same way at the same pace, so
// each run says what a Node process costs on the machine right then: a command hook can be no
// faster than that, and on a loaded machine its own figure is its time minus that.
// BATON_SOAK_SECONDS: how long the agents work; BATON_SOAK_SEED: their timings
// (`npm run soak -- hooks-under-load`, `… hooks-under-load-command`; RELIABILITY.md has the
// figures). Before hooks were urgent writers and imports wrote short transactions, 8 of 8
// SessionStart hooks gave up with "store is locked".
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { spoolState } from '../../src/capture/index.js';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';
import type { HookHandler } from './claude-hooks.js';
import { AgentHooks, handlersFor, readInstalledHooks, runShell } from './claude-hooks.js';
import { seededRandom, startBaton } from './processes.js';
import { soakFigure, soakTimeout } from './soak-figures.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

const AGENTS = 8;
const PROJECTS = 4;
const SECONDS = Number(process.env.BATON_SOAK_SECONDS ?? 8);
const SEED = Number(process.env.BATON_SOAK_SEED ?? 18);
const MODE = process.env.BATON_SOAK_HOOKS ?? 'mcp';
if (MODE !== 'mcp' && MODE !== 'command')
  throw new Error(`BATON_SOAK_HOOKS must be "mcp" or "command", not "${MODE}"`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Events JSONL lines, produced as the import reads them, until `until` (performance.now()). */
function bulkEvents(until: number, counted: { n: number }): Readable {
  const base = Date.parse('2026-01-01T00:00:00Z');
  async function* lines() {
    do {
      let chunk = '';
      for (let k = 0; k < 500; k++, counted.n++) {
        const i = counted.n;
        chunk +=
          JSON.stringify({
            session: `bulk-${i % 40}`,
            agent: 'claude-code',
            ts: new Date(base + i * 1000).toISOString(),
            kind: i % 2 ? 'assistant_message' : 'user_message',
            text: `bulk event ${i}: the deploy script retries the migration step before the smoke tests`,
            ref: `bulk-${i}`,
          }) + '\n';
      }
      yield chunk;
      await new Promise((r) => setImmediate(r)); // Other work of this process runs between chunks.
    } while (performance.now() < until);
  }
  return Readable.from(lines(), { objectMode: false });
}

type HookClass = 'start' | 'spooled' | 'lifecycle';
interface Timing {
  kind: HookClass | 'node';
  handler: HookHandler['type'] | 'node';
  ms: number;
}

describe('hooks under load', () => {
  it(
    `${AGENTS} agents (hooks as installed, ${MODE}) working for ${SECONDS} s beside an import and searches: every brief printed, nothing lost`,
    async () => {
      // Baton installed for Claude Code the way a user installs it, and its hooks read back.
      const flags = MODE === 'command' ? ['--no-mcp'] : [];
      const install = runBaton(['install', 'claude-code', ...flags], { home });
      expect(install.code, install.stderr).toBe(0);
      const installed = readInstalledHooks(home);
      const handlerOf = (event: string) =>
        handlersFor(installed, { hook_event_name: event, tool_name: 'Bash' }).map((h) => h.type);
      // The mode is what the install wrote: the hooks a prompt and a tool fire go to the MCP server
      // in mcp mode only; SessionStart (it prints the brief) is a command in both.
      for (const event of ['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop'])
        expect(handlerOf(event), event).toEqual([MODE === 'mcp' ? 'mcp_tool' : 'command']);
      expect(handlerOf('SessionStart')).toEqual(['command']);
      expect(handlerOf('SessionEnd')).toEqual(['command']);

      const projects = Array.from({ length: PROJECTS }, (_, p) => {
        const dir = join(home, `project-${p}`);
        mkdirSync(dir);
        execFileSync('git', ['init', '-q', dir]);
        const todo = runBaton(['todo', 'add', `ship release ${p}`], { home, cwd: dir });
        expect(todo.code, todo.stderr).toBe(0);
        return dir;
      });
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: home,
        BATON_HOME: home,
        NO_COLOR: '1',
      };
      const next = seededRandom(SEED);
      const between = (lo: number, hi: number) => lo + next() * (hi - lo);

      const t0 = performance.now();
      const until = t0 + SECONDS * 1000;
      const timings: Timing[] = [];
      const connects: number[] = [];
      const failures: string[] = [];
      const pending: Promise<unknown>[] = [];
      const fired = new Map<string, HookHandler['type']>();
      /**
       * Fires the event's installed handlers as Claude Code does; resolves with what the ones the
       * agent waits for printed (async ones go on in `pending`).
       */
      const hook = async (
        agentHooks: AgentHooks,
        kind: HookClass,
        project: string,
        payload: Record<string, unknown>,
      ): Promise<string> => {
        const input = { cwd: project, ...payload };
        const what = `${String(payload.hook_event_name)} ${String(payload.session_id)}`;
        const t = performance.now();
        const runs = agentHooks.fire(input);
        if (runs.length === 0) failures.push(`${what}: no handler installed`);
        const waited: Promise<string>[] = [];
        for (const run of runs) {
          fired.set(String(payload.hook_event_name), run.handler);
          const timed = run.done.then((r) => {
            timings.push({ kind, handler: run.handler, ms: performance.now() - t });
            if (!r.ok) failures.push(`${what} (${run.handler}): ${r.failure}`);
            return r.stdout;
          });
          if (run.async) pending.push(timed);
          else waited.push(timed);
        }
        return (await Promise.all(waited)).join('');
      };

      // The import: one `baton import --format events -` fed for the whole run.
      const bulk = { n: 0 };
      const importing = startBaton(['import', '--format', 'events', '-'], {
        home,
        input: bulkEvents(until, bulk),
      });

      // Searches every 2–5 s, as a user (or an agent's MCP tool) asks.
      const searches: number[] = [];
      const searching = (async () => {
        while (performance.now() < until) {
          await sleep(between(2000, 5000));
          const t = performance.now();
          const r = await startBaton(['search', 'deploy', 'migration', '--all-projects'], {
            home,
            cwd: projects[0]!,
          }).done;
          searches.push(performance.now() - t);
          if (r.code !== 0) failures.push(`search: exit ${r.code} ${r.stderr.trim()}`);
        }
      })();

      // The baseline: a bare Node process launched through /bin/sh as a hook command is, at about
      // the pace of one agent's hooks, without waiting for the one before.
      const bareNode = `${JSON.stringify(process.execPath)} -e 0`;
      const bare = (async () => {
        while (performance.now() < until) {
          await sleep(between(300, 1500));
          const t = performance.now();
          pending.push(
            runShell(bareNode, { cwd: home, env, input: '' }).then((r) => {
              timings.push({ kind: 'node', handler: 'node', ms: performance.now() - t });
              if (!r.ok) failures.push(`node -e 0: ${r.failure}`);
            }),
          );
        }
      })();

      const briefs: string[] = [];
      const agentHooks: AgentHooks[] = [];
      interface Sent {
        prompts: string[];
        calls: [string, string][];
        results: [string, string][];
      }
      const sent = new Map<string, Sent>();
      const agent = async (i: number) => {
        const project = projects[i % PROJECTS]!;
        const session = `load-${i}`;
        const mine: Sent = { prompts: [], calls: [], results: [] };
        sent.set(session, mine);
        const hooks = new AgentHooks(installed, project, env);
        agentHooks.push(hooks);
        const transcript = join(project, `${session}.jsonl`);
        await sleep(between(0, 1500));
        // Claude Code starts its MCP servers as the session starts, beside SessionStart (which the
        // agent waits on: its reply is the brief); the first prompt comes once both are there.
        const tc = performance.now();
        const connecting = hooks.connect().then(
          () => connects.push(performance.now() - tc),
          (error: unknown) =>
            failures.push(`${session}: MCP server not connected: ${String(error)}`),
        );
        briefs[i] = await hook(hooks, 'start', project, {
          session_id: session,
          hook_event_name: 'SessionStart',
          source: 'startup',
          transcript_path: transcript,
        });
        await connecting;
        // At least one turn with one tool call each, however slow the machine.
        for (let turn = 0; turn === 0 || performance.now() < until; turn++) {
          const prompt = `agent ${i} turn ${turn}: fix the deploy script`;
          mine.prompts.push(prompt);
          await hook(hooks, 'spooled', project, {
            session_id: session,
            hook_event_name: 'UserPromptSubmit',
            prompt,
          });
          const calls = 1 + Math.floor(next() * 6);
          for (let c = 0; c < calls && (c === 0 || performance.now() < until); c++) {
            await sleep(between(500, 3000));
            const id = `toolu_${i}_${turn}_${c}`;
            const input = { command: `ls step-${c}` };
            mine.calls.push([`tool_use:${id}`, JSON.stringify(input)]);
            await hook(hooks, 'spooled', project, {
              session_id: session,
              hook_event_name: 'PreToolUse',
              tool_name: 'Bash',
              tool_use_id: id,
              tool_input: input,
            });
            await sleep(between(50, 500)); // The tool runs.
            mine.results.push([`tool_result:${id}`, `ok ${c}`]);
            await hook(hooks, 'spooled', project, {
              session_id: session,
              hook_event_name: 'PostToolUse',
              tool_name: 'Bash',
              tool_use_id: id,
              tool_input: input,
              tool_response: { stdout: `ok ${c}` },
            });
          }
          await hook(hooks, 'lifecycle', project, { session_id: session, hook_event_name: 'Stop' });
          await sleep(between(1000, 4000)); // The user reads and types the next prompt.
        }
        // Claude Code closes its MCP servers as the session ends, then runs SessionEnd.
        await hooks.close();
        await hook(hooks, 'lifecycle', project, {
          session_id: session,
          hook_event_name: 'SessionEnd',
          reason: 'prompt_input_exit',
        });
      };
      await Promise.all(Array.from({ length: AGENTS }, (_, i) => agent(i)));
      await Promise.all([searching, bare]);
      await Promise.all(pending);
      const imported = await importing.done;
      expect(imported.code, imported.stderr).toBe(0);
      for (const h of agentHooks) failures.push(...h.problems);
      expect(failures).toEqual([]);

      for (let i = 0; i < AGENTS; i++) {
        const reply = JSON.parse(briefs[i]!) as {
          hookSpecificOutput: { additionalContext: string };
        };
        expect(reply.hookSpecificOutput.additionalContext).toContain(
          `ship release ${i % PROJECTS}`,
        );
      }
      // What the hooks left to the background worker (every start, turn end and session end) is
      // in the store once it is done.
      const waited = runBaton(['hook', '--wait'], { home });
      expect(waited.code, waited.stderr).toBe(0);
      expect(spoolState(home)).toEqual({ waiting: 0, claimed: 0, failed: 0 });
      const store = SqliteStore.open({ path: storePath(home) });
      let stored = 0;
      let sentCount = 0;
      try {
        for (let i = 0; i < AGENTS; i++) {
          const s = store.sessions.findByAgentId('claude-code', `load-${i}`);
          expect(s, `load-${i}`).not.toBeNull();
          const events = store.events.list({ sessionId: s!.id, limit: 100_000 });
          expect(events.map((e) => e.text)).toContain('session start: startup');
          const of = (kind: string) => events.filter((e) => e.kind === kind);
          const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => (String(a) < String(b) ? -1 : 1));
          const want = sent.get(`load-${i}`)!;
          // Each prompt, call and result once, as it was sent.
          const got: Sent = {
            prompts: sorted(of('user_message').map((e) => e.text ?? '')),
            calls: sorted(
              of('tool_call').map((e): [string, string] => [
                e.ref ?? '',
                JSON.stringify(e.data?.input),
              ]),
            ),
            results: sorted(
              of('tool_result').map((e): [string, string] => [e.ref ?? '', e.text ?? '']),
            ),
          };
          expect(got, `load-${i}`).toEqual({
            prompts: sorted(want.prompts),
            calls: sorted(want.calls),
            results: sorted(want.results),
          });
          stored += got.prompts.length + got.calls.length + got.results.length;
          sentCount += want.prompts.length + want.calls.length + want.results.length;
        }
        expect(
          store.query<{ n: number }>("SELECT count(*) AS n FROM events WHERE ref LIKE 'bulk-%'")[0]!
            .n,
        ).toBe(bulk.n);
      } finally {
        store.close();
      }

      const sortedMs = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const of = (test: (t: Timing) => boolean) => sortedMs(timings.filter(test).map((t) => t.ms));
      const pct = (xs: number[], q: number) =>
        xs.length ? Math.round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!) : NaN;
      const n = (x: number) => x.toLocaleString('en-US');
      const spread = (xs: number[]) => `p50 ${pct(xs, 0.5)} ms, p95 ${pct(xs, 0.95)} ms`;
      const hooks = of((t) => t.kind !== 'node');
      const starts = of((t) => t.kind === 'start');
      const spooled = of((t) => t.kind === 'spooled');
      const lifecycle = of((t) => t.kind === 'lifecycle');
      const viaMcp = of((t) => t.handler === 'mcp_tool');
      const commands = of((t) => t.handler === 'command');
      const node = of((t) => t.kind === 'node');
      const eventsBy = (type: HookHandler['type']) =>
        [...fired].filter(([, h]) => h === type).map(([e]) => e);
      const routes = [
        eventsBy('mcp_tool').length
          ? `${eventsBy('mcp_tool').join(', ')} through each agent's MCP server`
          : '',
        `${eventsBy('command').join(', ')} as commands`,
      ]
        .filter(Boolean)
        .join('; ');
      // Figures for RELIABILITY.md, not assertions (no timings in tests).
      soakFigure(
        MODE === 'mcp' ? 'hooks-under-load' : 'hooks-under-load-command',
        `hooks as \`baton install claude-code${MODE === 'command' ? ' --no-mcp' : ''}\` wrote them ` +
          `(BATON_SOAK_HOOKS=${MODE}: ${routes}); ${AGENTS} agents in ${PROJECTS} projects for ${SECONDS} s (seed ${SEED}): ` +
          `${n(hooks.length)} hooks (${starts.length} SessionStart, ${spooled.length} prompt and tool, ${lifecycle.length} Stop and SessionEnd) ` +
          `beside an import of ${n(bulk.n)} events and ${searches.length} searches (${spread(sortedMs(searches))}): ` +
          `hooks ${spread(hooks)} (SessionStart p95 ${pct(starts, 0.95)} ms, prompt and tool p95 ${pct(spooled, 0.95)} ms, ` +
          `Stop/SessionEnd p95 ${pct(lifecycle, 0.95)} ms); ` +
          (viaMcp.length
            ? `MCP tool calls (${n(viaMcp.length)}) ${spread(viaMcp)}, each server connected in ${spread(sortedMs(connects))}; `
            : '') +
          `commands (${n(commands.length)}) ${spread(commands)}; bare \`node -e 0\` launched the same way ` +
          `(${node.length} runs) ${spread(node)}; command p95 − node p95 ` +
          `${pct(commands, 0.95) - pct(node, 0.95)} ms; ${AGENTS}/${AGENTS} briefs printed, ${AGENTS}/${AGENTS} starts recorded, ` +
          `${n(stored)}/${n(sentCount)} hook events stored as sent, ${n(bulk.n)}/${n(bulk.n)} imported, none lost`,
      );
    },
    soakTimeout(SECONDS, 4000),
  );
});
