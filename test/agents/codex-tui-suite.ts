// The genuine Codex TUI in a pseudo-terminal, with Baton installed: Codex asks once to trust the
// new hooks ("Trust all and continue"), a prompt is typed and answered, `/exit` leaves. The TUI
// also runs an internal thread that writes the session's title (a side request to the model, and
// a `notify` of its own), which must not become a session. Codex 0.171 runs the TUI's threads in a
// managed app-server daemon that outlives the TUI, and runs the hooks there: after `/exit` no
// SessionEnd comes and nothing on disk changes. SessionStart recorded the TUI's process (looking
// past the daemon), so the next look at the sessions finds it gone after a finished turn and ends
// the session as `exited`. The daemon's SessionEnd comes only when it stops (`codex app-server
// daemon stop`), which the story does last, as Codex's own way to end it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codexEnv,
  codexHomeOf,
  codexUserConfig,
  findCodex,
  prepareCodexHome,
} from './clients/codex-client.js';
import type { CodexClient } from './clients/codex-client.js';
import { openaiDialect } from './fake-model/openai-dialect.js';
import { FakeModelServer } from './fake-model/server.js';
import { AgentSandbox, keepOrDispose } from './harness/agent-sandbox.js';
import type { StoredEvent, StoredSession } from './harness/agent-sandbox.js';
import { hasScript, PtySession } from './harness/pty-session.js';

const PROMPT = 'Say hello in the terminal';
const ANSWER = 'Hello from the fake model.';

interface TuiStory {
  box: AgentSandbox;
  fake: FakeModelServer;
  exitCode: number | null;
  sideRequests: number;
  /** While the TUI runs, after its answer. */
  sessionsBeforeExit: StoredSession[];
  /** After `/exit`, before the daemon stops. */
  sessionsAtExit: StoredSession[];
  /** After `codex app-server daemon stop`. */
  sessions: StoredSession[];
  events: StoredEvent[];
  stop: { code: number | null; stderr: string };
}

/**
 * `codex app-server daemon stop`, then the daemon's updater loop, which `stop` leaves running: the
 * test started both, and neither may outlive it. Each is ended by the pid Codex wrote down.
 */
function stopDaemon(client: CodexClient, box: AgentSandbox) {
  const r = spawnSync(process.execPath, [client.launcher, 'app-server', 'daemon', 'stop'], {
    cwd: box.project,
    env: codexEnv(box),
    encoding: 'utf8',
    timeout: 60_000,
  });
  const dir = join(codexHomeOf(box), 'app-server-daemon');
  for (const file of ['daemon.pid', 'daemon-updater.pid']) {
    try {
      const { pid } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { pid?: unknown };
      if (typeof pid === 'number') process.kill(pid, 'SIGTERM');
    } catch {
      // Not started, or already gone.
    }
  }
  return { code: r.status, stderr: r.stderr };
}

async function tellTuiStory(client: CodexClient, box: AgentSandbox): Promise<TuiStory> {
  const fake = await FakeModelServer.start(openaiDialect);
  // The project is trusted (Codex's own folder-trust question is not what this story is about).
  const config = `${codexUserConfig(fake)}\n\n[projects."${box.project}"]\ntrust_level = "trusted"\n`;
  prepareCodexHome(box, config);
  const install = box.baton(['install', 'codex'], { CODEX_HOME: codexHomeOf(box) });
  if (install.code !== 0) throw new Error(`baton install codex: ${install.stderr}`);
  fake.scripted([{ text: ANSWER }]);
  const tui = PtySession.start(
    [process.execPath, client.launcher, '--dangerously-bypass-approvals-and-sandbox'],
    { cwd: box.project, env: codexEnv(box) },
  );
  let exitCode: number | null;
  let sessionsBeforeExit: StoredSession[];
  try {
    await tui.waitFor('Trust all and continue', 60_000);
    // Keys pressed as a person would, with pauses: the dialog takes them once it has settled.
    await sleep(1_500);
    tui.press('\x1b[B'); // to "2. Trust all and continue"
    await sleep(500);
    tui.press('\r');
    await sleep(1_500);
    // The composer draws each typed key on its own (no whole prompt to wait for): a pause.
    await tui.type(PROMPT);
    await sleep(500);
    const mark = tui.screen().length;
    tui.press('\r');
    await tui.waitFor(ANSWER, 60_000, mark);
    await tui.waitFor(/Worked for/, 30_000, mark);
    sessionsBeforeExit = box.sessions();
    await tui.type('/exit');
    tui.press('\r');
    exitCode = await tui.exit(30_000);
  } finally {
    tui.kill();
  }
  const sessionsAtExit = box.sessions();
  const stop = stopDaemon(client, box);
  return {
    box,
    fake,
    exitCode,
    sessionsBeforeExit,
    sideRequests: fake.requests.filter((r) => !r.main).length,
    sessionsAtExit,
    sessions: box.sessions(),
    events: box.events(),
    stop,
  };
}

export function describeCodexTui(version: string): void {
  const client = findCodex(version);
  const missing =
    'missing' in client
      ? client.missing
      : hasScript()
        ? undefined
        : 'util-linux `script` (the pseudo-terminal) is not installed';
  if (missing) console.warn(`Codex ${version} TUI suite skipped: ${missing}`);

  describe.skipIf(missing !== undefined)(`Codex CLI ${version}, interactive TUI`, () => {
    let story: TuiStory;
    let box: AgentSandbox | undefined;
    beforeAll(async () => {
      if ('missing' in client) return;
      box = AgentSandbox.create(`codex-tui-${client.version}`);
      try {
        story = await tellTuiStory(client, box);
      } catch (error) {
        stopDaemon(client, box); // Never leave Codex's daemon running after the test.
        throw error;
      }
    }, 300_000);
    afterAll(async () => {
      await story?.fake.close();
      keepOrDispose(box);
    });

    it('takes the typed prompt, answers, and leaves on /exit', () => {
      expect(story.exitCode).toBe(0);
      expect(story.stop.code, story.stop.stderr).toBe(0);
    });

    it('records the session once, titled with its prompt: the title thread is no session', () => {
      expect(story.sideRequests).toBeGreaterThan(0); // The title thread did run.
      expect(story.sessionsAtExit).toHaveLength(1);
      expect(story.sessions).toHaveLength(1);
      expect(story.sessions[0]!.title).toBe(PROMPT);
      const prompts = story.events.filter((e) => e.kind === 'user_message');
      expect(prompts.map((e) => e.text)).toEqual([PROMPT]);
    });

    it('keeps the session active while the TUI runs, however its turn ended', () => {
      expect(story.sessionsBeforeExit.map((s) => s.status)).toEqual(['active']);
    });

    it('ends the session as exited after /exit, though Codex says nothing', () => {
      expect(story.sessionsAtExit).toHaveLength(1);
      expect(story.sessionsAtExit[0]).toMatchObject({ status: 'ended', endReason: 'exited' });
    });

    it('ends the session with a reason when Codex ends it, leaving none active', () => {
      expect(story.sessions.filter((s) => s.status !== 'ended')).toEqual([]);
      expect(story.sessions[0]!.endReason).toBeTruthy();
    });
  });
}
