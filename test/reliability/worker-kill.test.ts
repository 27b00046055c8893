// The spool's background worker (`baton hook --background`, which records every turn's and
// session's end and every session start) killed with SIGKILL at random moments, over seeded
// iterations, then one worker more — every spooled prompt, tool call, result and turn end is in
// the store, once. The worker leaves its drain lock and its claimed files behind when it dies; the
// next one must take both over.
// BATON_SOAK_ITERATIONS raises the iterations for a long soak, BATON_SOAK_SEED picks the moments.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spoolHook, spoolState } from '../../src/capture/index.js';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';
import { seededRandom, startBaton } from './processes.js';
import { soakFigure, soakTimeout } from './soak-figures.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

const ITERATIONS = Number(process.env.BATON_SOAK_ITERATIONS ?? 10);
const TURNS = 6;
const CALLS = 5;

describe('the background worker under SIGKILL', () => {
  it(
    `loses nothing across ${ITERATIONS} workers killed at random moments`,
    async () => {
      const project = join(home, 'project');
      mkdirSync(project);
      const seed = Number(process.env.BATON_SOAK_SEED ?? 18);
      const next = seededRandom(seed);
      const session = 'worker-kill';
      let at = 1_700_000_000_000;
      const spool = (payload: Record<string, unknown>) =>
        spoolHook(
          home,
          'claude-code',
          JSON.stringify({ session_id: session, cwd: project, ...payload }),
          (at += 10),
          7,
        );
      spool({ hook_event_name: 'SessionStart', source: 'startup' });
      let turns = 0;
      let calls = 0;
      let killed = 0;
      for (let it = 0; it < ITERATIONS; it++) {
        for (let t = 0; t < TURNS; t++, turns++) {
          spool({ hook_event_name: 'UserPromptSubmit', prompt: `turn ${turns}: fix the deploy` });
          for (let c = 0; c < CALLS; c++, calls++) {
            const call = {
              tool_name: 'Bash',
              tool_use_id: `toolu_${calls}`,
              tool_input: { command: `echo ${calls}` },
            };
            spool({ hook_event_name: 'PreToolUse', ...call });
            spool({ hook_event_name: 'PostToolUse', ...call, tool_response: { stdout: 'ok' } });
          }
          spool({ hook_event_name: 'Stop', stop_hook_active: false });
        }
        const worker = startBaton(['hook', '--background'], { home, cwd: project });
        await new Promise((r) => setTimeout(r, 50 + next() * 700));
        worker.kill('SIGKILL');
        if ((await worker.done).signal === 'SIGKILL') killed += 1;
      }
      // A worker that is not killed: it takes over the dead one's lock and claimed files.
      for (let n = 0; n < 20; n++) {
        const left = spoolState(home);
        if (left.waiting + left.claimed + left.failed === 0) break;
        expect(runBaton(['hook', '--background'], { home, cwd: project }).code).toBe(0);
      }
      expect(spoolState(home)).toEqual({ waiting: 0, claimed: 0, failed: 0 });

      const store = SqliteStore.open({ path: storePath(home) });
      try {
        const s = store.sessions.findByAgentId('claude-code', session);
        expect(s).not.toBeNull();
        const events = store.events.list({ sessionId: s!.id, limit: 1_000_000 });
        const of = (kind: string) => events.filter((e) => e.kind === kind);
        const prompts = of('user_message').map((e) => e.text);
        expect(prompts.length).toBe(turns);
        expect(new Set(prompts).size).toBe(turns);
        expect(new Set(of('tool_call').map((e) => e.ref)).size).toBe(calls);
        expect(of('tool_call').length).toBe(calls);
        expect(of('tool_result').length).toBe(calls);
        const stops = events.filter((e) => (e.data as { hook?: string } | null)?.hook === 'Stop');
        expect(stops.length).toBe(turns);
        expect(events.filter((e) => e.text === 'session start: startup').length).toBe(1);
      } finally {
        store.close();
      }
      soakFigure(
        'worker-kill',
        `${ITERATIONS} background workers, ${killed} killed with SIGKILL mid-drain at random moments (seed ${seed}), ` +
          `${turns} turns (${turns + 2 * calls + turns + 1} payloads) spooled, 0 lost, none doubled`,
      );
    },
    soakTimeout(ITERATIONS, 4_000),
  );
});
