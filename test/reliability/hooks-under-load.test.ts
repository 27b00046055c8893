// No brief missed under load, as 8 agents really load a machine: each starts a session
// (SessionStart, which the agent waits on and which prints the brief), then works in turns — a
// prompt, a few tool calls 0.5–3 s apart (PreToolUse and PostToolUse each a hook process), the
// turn's Stop — and ends its session; meanwhile an events import writes the whole time and
// `baton search` runs every few seconds. Every SessionStart prints its project's brief and its
// start is recorded, every hook's event is stored, every imported event is there.
//
// Beside the hooks a bare `node -e 0` is launched the same way at the same pace, so each run
// says what a Node process costs on the machine right then: a hook can be no faster than that,
// and on a loaded machine the hook's own figure is its time minus that.
// BATON_SOAK_SECONDS: how long the agents work; BATON_SOAK_SEED: their timings
// (`npm run soak -- hooks-under-load`; RELIABILITY.md has its figures). Before hooks were urgent
// writers and imports wrote short transactions, 8 of 8 SessionStart hooks gave up with
// "store is locked".
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { spoolState } from '../../src/capture/index.js';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';
import type { ProcessResult } from './processes.js';
import { seededRandom, startBaton, startNode } from './processes.js';
import { soakFigure, soakTimeout } from './soak-figures.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

const AGENTS = 8;
const PROJECTS = 4;
const SECONDS = Number(process.env.BATON_SOAK_SECONDS ?? 8);
const SEED = Number(process.env.BATON_SOAK_SEED ?? 18);

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
  ms: number;
}

describe('hooks under load', () => {
  it(
    `${AGENTS} agents working for ${SECONDS} s beside an import and searches: every brief printed, nothing lost`,
    async () => {
      const projects = Array.from({ length: PROJECTS }, (_, p) => {
        const dir = join(home, `project-${p}`);
        mkdirSync(dir);
        execFileSync('git', ['init', '-q', dir]);
        const todo = runBaton(['todo', 'add', `ship release ${p}`], { home, cwd: dir });
        expect(todo.code, todo.stderr).toBe(0);
        return dir;
      });
      const next = seededRandom(SEED);
      const between = (lo: number, hi: number) => lo + next() * (hi - lo);

      const t0 = performance.now();
      const until = t0 + SECONDS * 1000;
      const timings: Timing[] = [];
      const failures: string[] = [];
      const pending: Promise<unknown>[] = [];
      const timed = async (
        kind: Timing['kind'],
        run: () => Promise<ProcessResult>,
        what: string,
      ): Promise<ProcessResult> => {
        const t = performance.now();
        const r = await run();
        timings.push({ kind, ms: performance.now() - t });
        if (r.code !== 0) failures.push(`${what}: exit ${r.code} ${r.stderr.trim()}`);
        return r;
      };
      const hook = (kind: HookClass, project: string, payload: Record<string, unknown>) =>
        timed(
          kind,
          () =>
            startBaton(['hook', 'claude-code'], {
              home,
              cwd: project,
              input: JSON.stringify({ cwd: project, ...payload }),
            }).done,
          `${String(payload.hook_event_name)} ${String(payload.session_id)}`,
        );

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

      // The baseline: a bare Node process launched the same way, at about the pace of one agent's
      // hooks, without waiting for the one before (as the agents' async hooks are launched).
      const bare = (async () => {
        while (performance.now() < until) {
          await sleep(between(300, 1500));
          pending.push(timed('node', () => startNode(['-e', '0'], { home }).done, 'node -e 0'));
        }
      })();

      const briefs: string[] = [];
      const fired = new Map<string, { prompts: number; calls: number; results: number }>();
      const agent = async (i: number) => {
        const project = projects[i % PROJECTS]!;
        const session = `load-${i}`;
        const counts = { prompts: 0, calls: 0, results: 0 };
        fired.set(session, counts);
        const transcript = join(project, `${session}.jsonl`);
        await sleep(between(0, 1500));
        // The agent waits on SessionStart: its reply is the brief.
        const started = await hook('start', project, {
          session_id: session,
          hook_event_name: 'SessionStart',
          source: 'startup',
          transcript_path: transcript,
        });
        briefs[i] = started.stdout;
        // At least one turn with one tool call each, however slow the machine.
        for (let turn = 0; turn === 0 || performance.now() < until; turn++) {
          // Async hooks (prompt, tools): the agent goes on without waiting for them.
          counts.prompts++;
          pending.push(
            hook('spooled', project, {
              session_id: session,
              hook_event_name: 'UserPromptSubmit',
              prompt: `agent ${i} turn ${turn}: fix the deploy script`,
            }),
          );
          const calls = 1 + Math.floor(next() * 6);
          for (let c = 0; c < calls && (c === 0 || performance.now() < until); c++) {
            await sleep(between(500, 3000));
            const id = `toolu_${i}_${turn}_${c}`;
            const input = { command: `ls step-${c}` };
            counts.calls++;
            pending.push(
              hook('spooled', project, {
                session_id: session,
                hook_event_name: 'PreToolUse',
                tool_name: 'Bash',
                tool_use_id: id,
                tool_input: input,
              }),
            );
            await sleep(between(50, 500)); // The tool runs.
            counts.results++;
            pending.push(
              hook('spooled', project, {
                session_id: session,
                hook_event_name: 'PostToolUse',
                tool_name: 'Bash',
                tool_use_id: id,
                tool_input: input,
                tool_response: { stdout: `ok ${c}` },
              }),
            );
          }
          // The agent waits for Stop (it spools the turn's end for the background worker).
          await hook('lifecycle', project, { session_id: session, hook_event_name: 'Stop' });
          await sleep(between(1000, 4000)); // The user reads and types the next prompt.
        }
        await hook('lifecycle', project, {
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
      let sent = 0;
      try {
        for (let i = 0; i < AGENTS; i++) {
          const s = store.sessions.findByAgentId('claude-code', `load-${i}`);
          expect(s, `load-${i}`).not.toBeNull();
          const events = store.events.list({ sessionId: s!.id, limit: 100_000 });
          expect(events.map((e) => e.text)).toContain('session start: startup');
          const count = (kind: string) => events.filter((e) => e.kind === kind).length;
          const want = fired.get(`load-${i}`)!;
          const got = {
            prompts: count('user_message'),
            calls: count('tool_call'),
            results: count('tool_result'),
          };
          expect(got, `load-${i}`).toEqual(want);
          stored += got.prompts + got.calls + got.results;
          sent += want.prompts + want.calls + want.results;
        }
        expect(
          store.query<{ n: number }>("SELECT count(*) AS n FROM events WHERE ref LIKE 'bulk-%'")[0]!
            .n,
        ).toBe(bulk.n);
      } finally {
        store.close();
      }

      const of = (kinds: Timing['kind'][]) =>
        timings
          .filter((t) => kinds.includes(t.kind))
          .map((t) => t.ms)
          .sort((a, b) => a - b);
      const pct = (xs: number[], q: number) =>
        xs.length ? Math.round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!) : NaN;
      const hooks = of(['start', 'spooled', 'lifecycle']);
      const starts = of(['start']);
      const node = of(['node']);
      searches.sort((a, b) => a - b);
      const n = (x: number) => x.toLocaleString('en-US');
      // Figures for RELIABILITY.md, not assertions (no timings in tests).
      soakFigure(
        'hooks-under-load',
        `${AGENTS} agents in ${PROJECTS} projects for ${SECONDS} s (seed ${SEED}): ${n(hooks.length)} hooks ` +
          `(${starts.length} SessionStart, ${of(['spooled']).length} prompt and tool, ${of(['lifecycle']).length} Stop and SessionEnd) ` +
          `beside an import of ${n(bulk.n)} events and ${searches.length} searches (p50 ${pct(searches, 0.5)} ms): ` +
          `hooks p50 ${pct(hooks, 0.5)} ms, p95 ${pct(hooks, 0.95)} ms (SessionStart p95 ${pct(starts, 0.95)} ms, ` +
          `Stop/SessionEnd p95 ${pct(of(['lifecycle']), 0.95)} ms); bare \`node -e 0\` launched the same way ` +
          `(${node.length} runs) p50 ${pct(node, 0.5)} ms, p95 ${pct(node, 0.95)} ms; hook p95 − node p95 ` +
          `${pct(hooks, 0.95) - pct(node, 0.95)} ms; ${AGENTS}/${AGENTS} briefs printed, ${AGENTS}/${AGENTS} starts recorded, ` +
          `${n(stored)}/${n(sent)} hook events stored, ${n(bulk.n)}/${n(bulk.n)} imported, none lost`,
      );
    },
    soakTimeout(SECONDS, 4000),
  );
});
