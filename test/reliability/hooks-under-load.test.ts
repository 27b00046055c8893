// No brief missed under load: an events import writing, several agents starting sessions at once
// and tool hooks firing — every SessionStart prints a brief and every start is recorded (at once,
// or by the next drain when the store stayed busy). Before hooks were urgent writers and imports
// wrote short transactions, 8 of 8 SessionStart hooks gave up with "store is locked".
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';
import { runBatonAsync, startBaton } from './processes.js';
import { soakFigure, soakTimeout } from './soak-figures.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

const AGENTS = 8;
/** BATON_SOAK_EVENTS: the import's size for a long soak (`npm run soak -- hooks-under-load`). */
const IMPORT_EVENTS = Number(process.env.BATON_SOAK_EVENTS ?? 60_000);

function eventsFile(path: string): void {
  const lines: string[] = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < IMPORT_EVENTS; i++) {
    lines.push(
      JSON.stringify({
        session: `bulk-${i % 40}`,
        agent: 'claude-code',
        ts: new Date(base + i * 1000).toISOString(),
        kind: i % 2 ? 'assistant_message' : 'user_message',
        text: `bulk event ${i}: the deploy script retries the migration step before the smoke tests`,
        ref: `bulk-${i}`,
      }),
    );
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const start = (project: string, i: number) =>
  JSON.stringify({
    session_id: `load-${i}`,
    cwd: project,
    hook_event_name: 'SessionStart',
    source: 'startup',
    transcript_path: join(project, `load-${i}.jsonl`),
  });

const tool = (project: string, i: number, n: number) =>
  JSON.stringify({
    session_id: `load-${i}`,
    cwd: project,
    hook_event_name: 'PostToolUse',
    tool_name: 'Bash',
    tool_use_id: `toolu_${i}_${n}`,
    tool_input: { command: 'ls' },
    tool_response: { stdout: 'ok' },
  });

describe('hooks under load', () => {
  it(
    `${AGENTS} SessionStarts during an import and tool hooks: all print a brief, all starts recorded`,
    async () => {
      const project = join(home, 'project');
      mkdirSync(project);
      execFileSync('git', ['init', '-q', project]);
      expect(runBaton(['todo', 'add', 'ship the release'], { home, cwd: project }).code).toBe(0);
      const file = join(home, 'bulk.jsonl');
      eventsFile(file);

      const importing = startBaton(['import', '--format', 'events', file], { home });
      await new Promise((r) => setTimeout(r, 300)); // Into its first transactions.
      const timings: number[] = [];
      const timed = async (args: string[], input: string) => {
        const t = performance.now();
        const r = await runBatonAsync(args, { home, cwd: project, input });
        timings.push(performance.now() - t);
        return r;
      };
      const starts = Array.from({ length: AGENTS }, (_, i) =>
        timed(['hook', 'claude-code'], start(project, i)),
      );
      const tools = Array.from({ length: AGENTS * 2 }, (_, n) =>
        timed(['hook', 'claude-code'], tool(project, n % AGENTS, n)),
      );
      const started = await Promise.all(starts);
      await Promise.all(tools);
      const imported = await importing.done;
      expect(imported.code, imported.stderr).toBe(0);

      for (const r of started) {
        expect(r.code).toBe(0);
        const reply = JSON.parse(r.stdout) as { hookSpecificOutput: { additionalContext: string } };
        expect(reply.hookSpecificOutput.additionalContext).toMatch(/ship the release/);
      }
      // What the busy store made hooks spool, the next hook drains.
      runBaton(['hook', 'claude-code'], {
        home,
        cwd: project,
        input: JSON.stringify({ session_id: 'load-0', cwd: project, hook_event_name: 'Stop' }),
      });
      const store = SqliteStore.open({ path: storePath(home) });
      try {
        for (let i = 0; i < AGENTS; i++) {
          const s = store.sessions.findByAgentId('claude-code', `load-${i}`);
          expect(s, `load-${i}`).not.toBeNull();
          const kinds = store.events.list({ sessionId: s!.id }).map((e) => e.text ?? e.kind);
          expect(kinds).toContain('session start: startup');
        }
        expect(
          store.query<{ n: number }>("SELECT count(*) AS n FROM events WHERE ref LIKE 'bulk-%'")[0]!
            .n,
        ).toBe(IMPORT_EVENTS);
        expect(
          store.query<{ n: number }>(
            "SELECT count(*) AS n FROM events WHERE kind = 'tool_result'",
          )[0]!.n,
        ).toBe(AGENTS * 2);
      } finally {
        store.close();
      }
      timings.sort((a, b) => a - b);
      const p = (q: number) =>
        Math.round(timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!);
      // Figures for RELIABILITY.md, not assertions (no timings in tests).
      soakFigure(
        'hooks-under-load',
        `${timings.length} hooks (${AGENTS} SessionStart, ${AGENTS * 2} tool) during a ${IMPORT_EVENTS.toLocaleString('en-US')}-event import: ` +
          `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms; ${AGENTS}/${AGENTS} briefs printed, ` +
          `${AGENTS}/${AGENTS} starts recorded, ${IMPORT_EVENTS.toLocaleString('en-US')} events imported, none lost`,
      );
    },
    soakTimeout(IMPORT_EVENTS, 3),
  );
});
