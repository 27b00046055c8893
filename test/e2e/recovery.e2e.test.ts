// Drives `baton resume` and `baton checkpoint …` as real processes over a real git repository: a
// session recorded through the CLI takes automatic checkpoints on its triggers; the brief shows the
// work, the changes since and the warnings, in every mode and format, within its budget; and
// checkpoints are created, listed, shown, diffed, restored with an undoable rollback and pruned.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from './cli.js';
import { runBaton } from './run-baton.js';

let root: string;
let repo: string;
let home: string;
let session: string;
const run = (...args: string[]) => ok(args, { cwd: repo, home });
const runIn = (env: NodeJS.ProcessEnv, ...args: string[]) => ok(args, { cwd: repo, home, env });
const gitIn = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'a@x',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'a@x',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'baton-e2e-recovery-')));
  repo = join(root, 'webshop');
  home = join(root, 'home');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  writeFileSync(join(repo, 'cart.ts'), 'export const total = 0;\n');
  gitIn('add', '-A');
  gitIn('commit', '-q', '-m', 'initial');

  session = run(
    'session',
    'start',
    '--agent',
    'claude-code',
    '--title',
    'Fix checkout rounding',
  ).trim();
  const env = { BATON_SESSION: session };
  runIn(env, 'todo', 'add', 'Fix rounding in cart.ts', '--priority', 'high');
  runIn(env, 'todo', 'start', '1');
  runIn(env, 'todo', 'add', 'Write the changelog');
  runIn(env, 'todo', 'add', 'Deploy to staging');
  runIn(env, 'todo', 'block', '3', 'waiting for credentials');
  runIn(env, 'log', 'user_message', 'totals are off by a cent, fix cart.ts');
  runIn(
    env,
    'log',
    'tool_call',
    'Edit cart.ts',
    '--tool',
    'Edit',
    '--data',
    JSON.stringify({ file_path: join(repo, 'cart.ts') }),
  );
  runIn(env, 'log', 'error', 'npm test: expected 10.01, got 10.00', '--tool', 'Bash');
  runIn(
    env,
    'decision',
    'add',
    'Store money as integer cents',
    '--reason',
    'floats lose cents',
    '-f',
    'cart.ts',
  );
  runIn(env, 'context', 'set', 'deploy.target', 'staging', '--priority', 'critical');
  runIn(env, 'todo', 'done', '2');
  runIn(env, 'session', 'end', '--reason', 'done for today');

  // After the session: a commit on another branch.
  gitIn('checkout', '-q', '-b', 'hotfix');
  writeFileSync(join(repo, 'cart.ts'), 'export const total = 1;\n');
  gitIn('commit', '-q', '-am', 'Hotfix the cart');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('baton resume', () => {
  it('prints the brief: work, actions, decisions, facts, changes, warnings and the next step', () => {
    const text = run('resume');
    expect(text).toContain(`- Session: ${session} · claude-code · ended (done for today)`);
    expect(text).toContain('#1 [in progress] Fix rounding in cart.ts');
    expect(text).toContain('#3 [blocked] Deploy to staging — blocked: "waiting for credentials"');
    expect(text).toContain('#2 [done] Write the changelog');
    expect(text).toContain('- Last request, ');
    expect(text).toContain('"npm test: expected 10.01, got 10.00"');
    expect(text).toContain('- #1 Store money as integer cents. Why: floats lose cents.');
    expect(text).toContain('`deploy.target` = "staging" (critical)');
    expect(text).toContain('- Branch switched: `main` → `hotfix`');
    expect(text).toContain('Hotfix the cart — Ada');
    expect(text).toContain('- Todo #1 names `cart.ts`, which changed since');
    expect(text).toContain('## Next step\nFirst confirm the branch');
    expect(text.length).toBeLessThanOrEqual(9500 + 1);
  });

  it('gives JSON, emergency and budgeted briefs, and the recovery prompt', () => {
    const json = JSON.parse(run('resume', '--json')) as {
      session: { handle: string };
      todos: unknown[];
      warnings: { code: string }[];
    };
    expect(json.session.handle).toBe(session);
    expect(json.warnings.map((w) => w.code)).toContain('todo-file-changed');
    expect(JSON.parse(run('resume', '--format', 'json', '--mode', 'full'))).toMatchObject({
      mode: 'full',
    });
    const emergency = run('resume', '--mode', 'emergency');
    expect(emergency.trimEnd().length).toBeLessThanOrEqual(1500);
    expect(emergency).toContain('## Open work');
    const small = run('resume', '--budget', '600');
    expect(small.trimEnd().length).toBeLessThanOrEqual(600);
    expect(small).toMatch(/left out to fit 600 characters/i);
    expect(run('resume', '--prompt')).toMatch(/^You are resuming work from SESSION-/);
    expect(run('resume', '--no-git')).not.toContain('## Changed since');
  });

  it('focuses on one todo and rejects unknown references with exit code 3', () => {
    expect(run('resume', '--todo', '1')).toContain('## Task #1: Fix rounding in cart.ts');
    const missing = runBaton(['resume', '--checkpoint', 'RECOVERY-NOPE'], { cwd: repo, home });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no checkpoint "RECOVERY-NOPE"');
    expect(runBaton(['resume', '--budget', '5'], { cwd: repo, home }).code).toBe(2);
  });

  it('documents itself with examples', () => {
    expect(run('resume', '--help')).toContain('Examples:');
    expect(run('checkpoint', '--help')).toContain('baton checkpoint restore');
  });
});

describe('baton checkpoint', () => {
  it('took checkpoints automatically on the CLI’s triggers', () => {
    const list = JSON.parse(run('checkpoint', 'list', '--json')) as {
      trigger: string;
      handle: string;
    }[];
    expect(list.map((c) => c.trigger).sort()).toEqual([
      'decision-recorded',
      'error',
      'session-end',
      'todo-completed',
    ]);
    expect(list[0]!.handle).toMatch(new RegExp(`^RECOVERY-${session}-\\d{6}(-\\d+)?$`));
  });

  it('creates, shows, diffs, restores with an undoable rollback, and prunes', () => {
    const first = run('checkpoint', 'create', '--label', 'before cleanup').split('\n')[0]!;
    expect(first).toMatch(/^RECOVERY-SESSION-/);
    expect(run('checkpoint', 'show', first)).toContain('Label       before cleanup');
    run('todo', 'done', '1');
    run('todo', 'add', 'A todo added later');
    const second = JSON.parse(run('checkpoint', 'create', '--json')) as {
      handle: string;
      size: number;
    };
    expect(second.size).toBeGreaterThan(0);

    const diff = run('checkpoint', 'diff', first, second.handle);
    expect(diff).toContain('+ #4 A todo added later [pending]');
    expect(diff).toContain('~ #1 Fix rounding in cart.ts: status in_progress → completed');

    const restored = run('checkpoint', 'restore', first, '--rollback');
    expect(restored).toContain(`${first} is now the resume point`);
    const undo = /Undo with: baton checkpoint restore (\S+) --rollback/.exec(restored)![1]!;
    const todos = JSON.parse(run('todo', 'list', '--all', '--json')) as {
      number: number;
      status: string;
    }[];
    expect(todos.map((t) => [t.number, t.status])).toEqual([
      [1, 'in_progress'],
      [2, 'completed'],
      [3, 'blocked'],
    ]);
    expect(run('resume')).toContain(`- Resuming from checkpoint ${first} "before cleanup"`);
    expect(run('checkpoint', 'list')).toMatch(/^\*\s+RECOVERY-/m);

    run('checkpoint', 'restore', undo, '--rollback');
    const back = JSON.parse(run('todo', 'list', '--all', '--json')) as {
      number: number;
      status: string;
    }[];
    expect(back.map((t) => [t.number, t.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
      [3, 'blocked'],
      [4, 'pending'],
    ]);

    const dry = JSON.parse(run('checkpoint', 'prune', '--keep', '1', '--dry-run', '--json')) as {
      removed: unknown[];
      kept: number;
    };
    expect(dry.kept).toBeGreaterThan(0);
    const before = (JSON.parse(run('checkpoint', 'list', '--json')) as unknown[]).length;
    const pruned = run('checkpoint', 'prune', '--keep', '1');
    expect(pruned).toMatch(/removed \d+ checkpoint\(s\)/);
    const after = (JSON.parse(run('checkpoint', 'list', '--json')) as unknown[]).length;
    expect(after).toBe(before - dry.removed.length);
  });
});
