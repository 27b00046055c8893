// A new user's first minutes, through the built CLI: usage mistakes exit 2 at any depth, an empty
// todo is refused, `session list` shows titles and says how many it left out, checkpoints are
// found by `latest` or the end of their handle, with --project from anywhere, and an export
// that finds nothing says so.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from './cli.js';
import { runBaton, tempHome } from './run-baton.js';

let home: string;
let cleanup: () => void;
let project: string;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  project = join(home, 'app');
  mkdirSync(project);
});
afterEach(() => cleanup());

const run = (args: string[], cwd = project) => runBaton(args, { home, cwd });

describe('the first minutes', () => {
  it('exits 2 on a usage mistake in a subcommand, with one baton: line', () => {
    for (const args of [['todo', 'add'], ['session', 'list', '--bogus'], ['nosuchcommand']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^baton: /);
    }
  });

  it('refuses an empty todo and keeps none', () => {
    for (const text of ['', '   ']) {
      const r = run(['todo', 'add', text]);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/^baton: .*text/);
    }
    expect(JSON.parse(ok(['todo', 'list', '--json'], { home, cwd: project }))).toEqual([]);
  });

  it('lists sessions with their titles and says "N of M" when it stops short', () => {
    for (let i = 1; i <= 4; i++)
      ok(['session', 'start', '--title', `task \u001b[31mnumber ${i}`], { home, cwd: project });
    const r = run(['session', 'list', '--limit', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TITLE');
    expect(r.stdout).toContain('task \\x1b[31mnumber 4');
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('3 of 4 sessions');
    expect(run(['session', 'list']).stdout).not.toMatch(/ of \d+ sessions/);
  });

  it('finds checkpoints by latest and by the end of their handle, with --project anywhere', () => {
    ok(['session', 'start', '--title', 'work'], { home, cwd: project });
    const first = ok(['checkpoint', 'create', '--label', 'one', '--json'], { home, cwd: project });
    ok(['todo', 'add', 'write the test'], { home, cwd: project });
    const second = ok(['checkpoint', 'create', '--label', 'two', '--json'], { home, cwd: project });
    const a = JSON.parse(first) as { handle: string };
    const b = JSON.parse(second) as { handle: string };
    const shown = (args: string[], cwd?: string) =>
      (
        JSON.parse(
          ok(['checkpoint', 'show', ...args, '--json'], { home, cwd: cwd ?? project }),
        ) as {
          checkpoint: { handle: string };
        }
      ).checkpoint.handle;
    expect(shown(['latest'])).toBe(b.handle);
    const tail = a.handle.split('-').slice(-2).join('-');
    expect(shown([tail])).toBe(a.handle);
    // From outside the project, --project names it.
    expect(shown(['latest', '--project', project], home)).toBe(b.handle);
    const diff = JSON.parse(
      ok(['checkpoint', 'diff', tail, 'latest', '--project', project, '--json'], {
        home,
        cwd: home,
      }),
    ) as { todos: { added: unknown[] } };
    expect(diff.todos.added).toHaveLength(1);
    const restored = run(['checkpoint', 'restore', tail, '--project', project], home);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(a.handle);
    const missing = run(['checkpoint', 'show', 'nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('latest');
  });

  it('says so when an export finds nothing in this project', () => {
    const r = run(['export', '--format', 'events']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^baton: nothing to export: no events in project .*--all-projects/);
  });
});
