// A spool that cannot lose: hooks killed with SIGKILL mid-drain (agents kill hooks past their
// timeout), over seeded iterations, then one drain more — every spooled event is in the store,
// once. (Before, a killed drain's `.claimed-<pid>` file was never picked up again.)
// BATON_SOAK_ITERATIONS raises the iterations for a long soak, BATON_SOAK_SEED picks the moments
// (`npm run soak -- spool-kill`; RELIABILITY.md has its figures).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spoolHook, spoolState } from '../../src/capture/index.js';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';
import { seededRandom as random, startBaton } from './processes.js';
import { soakFigure, soakTimeout } from './soak-figures.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

const ITERATIONS = Number(process.env.BATON_SOAK_ITERATIONS ?? 12);
const PER_ITERATION = 40;

describe('the spool under SIGKILL', () => {
  it(
    `loses no event across ${ITERATIONS} drains killed at random moments`,
    async () => {
      const project = join(home, 'project');
      mkdirSync(project);
      const seed = Number(process.env.BATON_SOAK_SEED ?? 18);
      const next = random(seed);
      const stop = JSON.stringify({ session_id: 'spool', cwd: project, hook_event_name: 'Stop' });
      // The Stop hook drains in its own process (not a background worker), so killing it kills a
      // drain; worker-kill.test.ts kills the background worker.
      const inProcess = { BATON_HOOK_BACKGROUND: '0' };
      let spooled = 0;
      for (let it = 0; it < ITERATIONS; it++) {
        for (let i = 0; i < PER_ITERATION; i++) {
          const payload = JSON.stringify({
            session_id: 'spool',
            cwd: project,
            hook_event_name: 'PostToolUse',
            tool_name: 'Bash',
            tool_use_id: `toolu_${spooled}`,
            tool_input: { command: `echo ${spooled}` },
            tool_response: { stdout: String(spooled) },
          });
          spoolHook(home, 'claude-code', payload, 1_700_000_000_000 + spooled, 9);
          spooled += 1;
        }
        const drain = startBaton(['hook', 'claude-code'], {
          home,
          cwd: project,
          input: stop,
          env: inProcess,
        });
        await new Promise((r) => setTimeout(r, 100 + next() * 900));
        drain.kill('SIGKILL');
        await drain.done;
      }
      // Each drain has a time budget: later hooks take the rest, as in a live session.
      for (let n = 0; n < 100; n++) {
        const left = spoolState(home);
        if (left.waiting + left.claimed + left.failed === 0) break;
        expect(
          runBaton(['hook', 'claude-code'], { home, cwd: project, input: stop, env: inProcess })
            .code,
        ).toBe(0);
      }
      const store = SqliteStore.open({ path: storePath(home) });
      const results = store.query<{ ref: string }>(
        "SELECT ref FROM events WHERE kind = 'tool_result'",
      );
      store.close();
      expect(results.length).toBe(spooled);
      expect(new Set(results.map((r) => r.ref)).size).toBe(spooled);
      soakFigure(
        'spool-kill',
        `${ITERATIONS} drains killed with SIGKILL at random moments (seed ${seed}), ${spooled.toLocaleString('en-US')} events spooled, ${spooled - results.length} lost, none doubled`,
      );
    },
    soakTimeout(ITERATIONS, 4_000),
  );
});
