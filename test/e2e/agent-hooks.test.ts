// Pins `baton hook codex|gemini` as the agents run it — the built bundle in a real process: a
// hot tool event is spooled (nothing on stdout, exit 0), SessionStart drains the spool into the
// store and prints only JSON, Codex's notify payload is read from its argument with no stdin, and
// a malformed payload still exits 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import { BATON_BIN, runBaton, tempHome } from './run-baton.js';

let home: string;
let cleanup: () => void;
let project: string;

beforeAll(() => {
  ({ home, cleanup } = tempHome());
  project = join(home, 'work', 'api');
  mkdirSync(project, { recursive: true });
});
afterAll(() => cleanup());

const hook = (agent: string, payload: unknown) =>
  runBaton(['hook', agent], { home, cwd: project, input: JSON.stringify(payload) });

function events(agent: string): { kind: string; ref: string | null }[] {
  const store = SqliteStore.open({ path: join(home, 'baton.db') });
  try {
    const [session] = store.sessions.list({ agent });
    return session
      ? store.events.list({ sessionId: session.id }).map((e) => ({ kind: e.kind, ref: e.ref }))
      : [];
  } finally {
    store.close();
  }
}

describe('install and import through the CLI', () => {
  it('install all touches only agents present; import with no agent reads Codex and Gemini history', () => {
    const h = tempHome();
    try {
      mkdirSync(join(h.home, '.gemini'));
      const install = runBaton(['install', 'all', '--json'], { home: h.home });
      expect(install.code).toBe(0);
      const agents = (JSON.parse(install.stdout) as { agent: string }[]).map((r) => r.agent);
      expect(agents).toContain('gemini');
      expect(agents).not.toContain('codex');
      const chats = join(h.home, '.gemini', 'tmp', 'x', 'chats');
      mkdirSync(chats, { recursive: true });
      writeFileSync(
        join(chats, 'session-2026-09-01T10-00-aaaaaaaa.jsonl'),
        `${JSON.stringify({ sessionId: 'aaaaaaaa-1', projectHash: 'x' })}\n${JSON.stringify({ id: 'u1', type: 'user', content: 'hello' })}\n`,
      );
      const day = join(h.home, '.codex', 'sessions', '2026', '09', '01');
      mkdirSync(day, { recursive: true });
      writeFileSync(
        join(day, 'rollout-2026-09-01T10-00-00-019a0000-0000-7000-8000-000000000001.jsonl'),
        `${JSON.stringify({ timestamp: '2026-09-01T10:00:00Z', type: 'session_meta', payload: { id: '019a0000-0000-7000-8000-000000000001', cwd: h.home } })}\n`,
      );
      const imported = runBaton(['import', '--json'], { home: h.home });
      expect(imported.code).toBe(0);
      const summary = JSON.parse(imported.stdout) as {
        agents: { agent: string; imported: number }[];
      };
      expect(summary.agents.find((a) => a.agent === 'gemini')!.imported).toBe(2);
      expect(summary.agents.find((a) => a.agent === 'codex')!.imported).toBe(1);
      expect(runBaton(['uninstall', 'all'], { home: h.home }).code).toBe(0);
    } finally {
      h.cleanup();
    }
  });
});

describe('agent hooks as processes', () => {
  it('Gemini: BeforeAgent is spooled; SessionStart drains it and prints JSON only', () => {
    const base = {
      session_id: 'gem-e2e',
      cwd: project,
      transcript_path: join(home, 'missing.jsonl'),
      timestamp: '2026-09-01T10:00:00Z',
    };
    const prompt = hook('gemini', {
      ...base,
      hook_event_name: 'BeforeAgent',
      prompt: 'list the endpoints',
    });
    expect(prompt).toMatchObject({ code: 0, stdout: '' });
    expect(readdirSync(join(home, 'spool')).filter((f) => f.endsWith('.hook'))).toHaveLength(1);
    const start = hook('gemini', { ...base, hook_event_name: 'SessionStart', source: 'resume' });
    expect(start.code).toBe(0);
    if (start.stdout !== '') expect(() => JSON.parse(start.stdout) as unknown).not.toThrow();
    expect(events('gemini').filter((e) => e.kind === 'user_message')).toHaveLength(1);
  });

  it('Codex: notify reads its JSON argument without waiting for stdin', () => {
    const payload = JSON.stringify({
      type: 'agent-turn-complete',
      'thread-id': 'thread-e2e',
      'turn-id': 't1',
      cwd: project,
      'input-messages': ['hi'],
      'last-assistant-message': 'done',
    });
    const r = spawnSync(process.execPath, [BATON_BIN, 'hook', 'codex', payload], {
      cwd: project,
      stdio: ['inherit', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: home,
        BATON_HOME: home,
        CODEX_HOME: join(home, '.codex'),
      },
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    // A thread with no rollout and no hook of its own (the TUI's title thread) is not a session.
    expect(events('codex')).toEqual([]);
  });

  it('Codex: Stop answers with JSON; a malformed payload exits 0 and prints nothing', () => {
    const stop = hook('codex', {
      session_id: 'thread-e2e',
      cwd: project,
      transcript_path: null,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    });
    expect(stop).toMatchObject({ code: 0, stdout: '{}' });
    const bad = runBaton(['hook', 'codex'], { home, cwd: project, input: 'not json' });
    expect(bad).toMatchObject({ code: 0, stdout: '' });
  });
});
