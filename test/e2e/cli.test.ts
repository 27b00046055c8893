// Pins the CLI as a user meets it: help that teaches, --json shapes that match the published
// schemas, exit codes that scripts can rely on, one-line errors and no stack traces.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/store/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  componentShape,
  contextFactShape,
  decisionShape,
  projectShape,
  sessionShape,
  todoShape,
} from '../../src/schemas/index.js';
import { BATON_BIN, runBaton, tempHome } from './run-baton.js';

let home: string;
let cleanup: () => void;
let project: string;
const baton = (args: string[], input?: string, env?: NodeJS.ProcessEnv) =>
  runBaton(args, {
    home,
    cwd: project,
    ...(input !== undefined && { input }),
    ...(env && { env }),
  });
const json = <T>(args: string[], shape: z.ZodType<T>): T => {
  const r = baton([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return shape.parse(JSON.parse(r.stdout));
};

beforeAll(() => {
  ({ home, cleanup } = tempHome());
  project = join(home, 'work', 'shop');
  mkdirSync(project, { recursive: true });
});
afterAll(() => cleanup());

describe('baton CLI', () => {
  it('quickstart creates a private store and shows the demo', () => {
    const r = baton(['quickstart']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Baton is ready.');
    expect(r.stdout).toContain('DEMO');
    expect(r.stdout).toMatch(/\[REDACTED:openai_key:[0-9a-f]{8}\]/);
    expect(statSync(join(home, 'baton.db')).mode & 0o777).toBe(0o600);
    // A data folder Baton creates itself is private to its owner.
    const fresh = join(home, 'fresh-data');
    expect(baton(['todo', 'list'], undefined, { BATON_HOME: fresh }).code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'baton.db')).mode & 0o777).toBe(0o600);
    // The demo went to a throw-away store: the real one holds nothing yet.
    const sessions = json(['session', 'list', '--all-projects'], z.array(sessionShape));
    expect(sessions).toEqual([]);
  });

  it('explains every command with examples', () => {
    const top = baton(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of [
      'quickstart',
      'session',
      'log',
      'todo',
      'decision',
      'context',
      'component',
      'import',
      'export',
    ]) {
      expect(top.stdout).toContain(cmd);
      const help = baton([cmd, '--help']);
      expect(help.code, cmd).toBe(0);
      expect(help.stdout, cmd).toMatch(/Examples:\n {2}\$ (npx )?baton /);
    }
    expect(baton([]).stdout).toContain('Usage: baton');
    // The hook's own small entry serves agents; its help is the full CLI's.
    const hookHelp = baton(['hook', '--help']);
    expect(hookHelp.code).toBe(0);
    expect(hookHelp.stdout).toContain('Usage: baton hook [options] [agent] [payload]');
    expect(hookHelp.stdout).toMatch(/Examples:\n {2}\$ baton install claude-code/);
    expect(hookHelp.stderr).not.toContain('unknown agent');
    // Bare, it shows the same help instead of waiting for a payload from the terminal.
    expect(baton(['hook'])).toMatchObject({ code: 0, stdout: hookHelp.stdout });
  });

  it('records sessions, events, todos, decisions, facts and components, with --json shapes', () => {
    const session = json(['session', 'start', '--title', 'checkout work'], sessionShape);
    expect(session.handle).toMatch(/^SESSION-\d{6}-001$/);
    const env = { BATON_SESSION: session.handle };
    expect(baton(['log', 'note', 'switched', 'deploy', 'target'], undefined, env).code).toBe(0);
    expect(
      baton(['log', 'error', 'tests failed', '--data', '{"file":"cart.ts"}'], undefined, env).code,
    ).toBe(0);

    const todo = json(['todo', 'add', 'Write', 'the', 'test', '--priority', 'high'], todoShape);
    expect(todo).toMatchObject({
      number: 1,
      status: 'pending',
      priority: 'high',
      content: 'Write the test',
    });
    expect(json(['todo', 'start', '1'], todoShape).status).toBe('in_progress');
    expect(json(['todo', 'block', '1', 'waiting', 'for', 'db'], todoShape)).toMatchObject({
      status: 'blocked',
      blockedReason: 'waiting for db',
    });
    expect(json(['todo', 'done', '1'], todoShape).completedAt).not.toBeNull();
    json(['todo', 'add', 'second'], todoShape);
    expect(json(['todo', 'list'], z.array(todoShape)).map((t) => t.content)).toEqual(['second']);
    expect(json(['todo', 'list', '--all'], z.array(todoShape))).toHaveLength(2);
    expect(baton(['todo', 'rm', '2']).code).toBe(0);

    const d = json(
      ['decision', 'add', 'Use cents', '--reason', 'floats lose cents', '--file', 'cart.ts'],
      decisionShape,
    );
    expect(
      json(['decision', 'update', String(d.number), '--status', 'superseded'], decisionShape)
        .status,
    ).toBe('superseded');
    expect(json(['decision', 'show', '1'], decisionShape).files).toEqual(['cart.ts']);

    json(
      ['context', 'set', 'deploy.target', 'staging', '--priority', 'high', '--expires', '7d'],
      contextFactShape,
    );
    json(['context', 'set', 'editor', '"vim"', '--global'], contextFactShape);
    const facts = json(['context', 'list'], z.array(contextFactShape));
    expect(facts.map((f) => [f.key, f.scope, f.priority])).toEqual([
      ['deploy.target', 'project', 'high'],
      ['editor', 'global', 'normal'],
    ]);
    expect(baton(['context', 'get', 'deploy.target']).stdout.trim()).toBe('staging');

    json(['component', 'set', 'api', '--status', 'up', '--health', '95'], componentShape);
    expect(json(['component', 'list'], z.array(componentShape))[0]).toMatchObject({
      name: 'api',
      health: 95,
    });
    expect(json(['project', 'show'], projectShape).root).toBe(project);

    const shown = baton(['session', 'show', session.handle, '--json']);
    const parsed = JSON.parse(shown.stdout) as { events: { kind: string }[] };
    expect(parsed.events.map((e) => e.kind)).toEqual(['note', 'error']);
    const ended = json(['session', 'end', session.handle], sessionShape);
    expect(ended.status).toBe('ended');
    const listed = json(['session', 'list'], z.array(sessionShape));
    expect(listed[0]).toMatchObject({ handle: session.handle, eventCount: 2, status: 'ended' });
  });

  it('exports events and records, re-imports them, and reports malformed lines with exit code 1', () => {
    const exported = baton(['export', '--format', 'events']);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    // The events, then the project's records: the todo, the decision, facts, the component and the
    // checkpoint the todo's completion took.
    const isRecord = (l: string) => l.startsWith('{"record":');
    expect(lines.filter((l) => !isRecord(l))).toHaveLength(2);
    const types = lines.filter(isRecord).map((l) => (JSON.parse(l) as { record: string }).record);
    expect(new Set(types)).toEqual(
      new Set(['todo', 'decision', 'fact', 'component', 'checkpoint']),
    );
    const again = baton(['import', '--format', 'events', '-', '--json'], exported.stdout);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, duplicates: 2, malformed: 0 });

    const bad = join(home, 'bad.jsonl');
    writeFileSync(
      bad,
      '{"session":"z","ts":"2026-01-01T00:00:00Z","kind":"note"}\n{oops\n{"session":"z","ts":"2026-01-01T00:00:00Z","kind":"nope"}\n',
    );
    const r = baton(['import', '--format', 'events', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/imported 1 events/);
    expect(r.stderr).toMatch(/bad\.jsonl:2: not JSON/);
    expect(r.stderr).toMatch(/bad\.jsonl:3: field "kind"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails with one clear line and a documented exit code', () => {
    const cases: [string[], number, RegExp][] = [
      [['frobnicate'], 2, /unknown command/],
      [['todo', 'done', '999'], 3, /no todo "999"/],
      [['log', 'note', 'x', '--data', '{bad'], 2, /--data is not valid JSON/],
      [['log', 'gossip', 'x'], 2, /must be one of/],
      [['import', '--format', 'events', 'missing.jsonl'], 7, /cannot read missing\.jsonl/],
      [['session', 'show', 'SESSION-000000-001'], 3, /no session/],
    ];
    for (const [args, code, message] of cases) {
      const r = baton(args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('says so when the store is locked, or damaged', () => {
    const holder = new Database(join(home, 'baton.db'));
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = baton(['todo', 'add', 'x'], undefined, { BATON_BUSY_TIMEOUT_MS: '100' });
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/locked by another process/);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    const broken = tempHome();
    try {
      writeFileSync(join(broken.home, 'baton.db'), 'garbage '.repeat(1000));
      chmodSync(join(broken.home, 'baton.db'), 0o600);
      const r = runBaton(['todo', 'list'], { home: broken.home });
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(/damaged.*restore-backup/);
    } finally {
      broken.cleanup();
    }
  });
});

describe('a reader that stops early', () => {
  it('ends `baton … | head` quietly, without a stack trace', () => {
    const { home, cleanup } = tempHome();
    try {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BATON_BIN}" --help | head -n 1`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: home, BATON_HOME: home, NO_COLOR: '1' },
      });
      expect(r.stdout).toMatch(/^Usage: baton/);
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    } finally {
      cleanup();
    }
  });
});
