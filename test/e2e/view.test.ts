// Pins `baton view`: a session's recent events readably (messages in full, tool calls on one
// line, errors marked), --last, --json, and --follow printing events as another process writes.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BIN, baton, openStore, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

let box: Sandbox;
let handle: string;
let sessionId: string;
beforeEach(() => {
  box = sandbox();
  const { store, project } = openStore(box);
  const s = store.sessions.start({ agent: 'claude-code', projectId: project.id });
  ({ handle } = s);
  sessionId = s.id;
  store.events.append([
    { sessionId: s.id, kind: 'user_message', text: 'please run the tests', source: 'api' },
    {
      sessionId: s.id,
      kind: 'tool_call',
      tool: 'Bash',
      text: null,
      data: { command: 'npm test' },
      source: 'api',
    },
    {
      sessionId: s.id,
      kind: 'tool_result',
      tool: 'Bash',
      text: 'FAIL a.test.ts\nexpected 1\nreceived 2',
      data: { is_error: true },
      source: 'api',
    },
    {
      sessionId: s.id,
      kind: 'tool_result',
      tool: 'Read',
      text: 'line one\nline two',
      source: 'api',
    },
    {
      sessionId: s.id,
      kind: 'assistant_message',
      text: 'One test fails; fixing it now.',
      source: 'api',
    },
  ]);
  store.close();
});
afterEach(() => box.dispose());

it('shows the latest session readably, tool calls folded and errors marked', () => {
  const r = baton(box, ['view']);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toMatch(
    new RegExp(`^${handle} {2}claude-code · active · last activity .* · 5 events$`),
  );
  expect(r.stdout).toMatch(/\d\d:\d\d {2}you {8}please run the tests/);
  expect(r.stdout).toMatch(/\d\d:\d\d {2}▸ Bash {5}npm test/);
  expect(r.stdout).toMatch(/\d\d:\d\d {2}✗ Bash {5}FAIL a\.test\.ts/);
  expect(r.stdout).toMatch(/\d\d:\d\d {2}↳ Read {5}line one \(\+1 lines\)/);
  expect(r.stdout).toMatch(/\d\d:\d\d {2}assistant {2}One test fails; fixing it now\./);
});

it('takes --session, --last and --json', () => {
  const r = baton(box, ['view', '--session', handle, '--last', '2', '--json']);
  const parsed = JSON.parse(r.stdout) as {
    session: { handle: string };
    events: { kind: string }[];
  };
  expect(parsed.session.handle).toBe(handle);
  expect(parsed.events.map((e) => e.kind)).toEqual(['tool_result', 'assistant_message']);
  expect(baton(box, ['view', '--session', 'SESSION-990101-001']).code).toBe(3);
});

it('follows new events as another process writes them', async () => {
  const child = spawn(process.execPath, [BIN, 'view', '--follow', '--last', '1'], {
    cwd: box.project,
    env: { ...process.env, BATON_HOME: box.home, NO_COLOR: '1', BATON_SESSION: '' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const until = async (text: RegExp) => {
    for (let i = 0; i < 100 && !text.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(text);
  };
  try {
    await until(/One test fails/);
    const { store } = openStore(box);
    store.events.append([
      { sessionId, kind: 'error', text: 'the build broke again', source: 'api' },
    ]);
    store.close();
    await until(/✗ error +the build broke again/);
    expect(out).not.toContain('please run the tests');
  } finally {
    child.kill();
  }
});
