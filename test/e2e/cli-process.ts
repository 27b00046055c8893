// Drives the built CLI as a real process (`node bin/baton.js …`) in a throw-away BATON_HOME, and
// seeds stores for it through the store module itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixedClock } from '../../src/core/index.js';
import { identifyProject } from '../../src/git/index.js';
import { SqliteStore, storePath } from '../../src/store/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'baton.js');

export interface Sandbox {
  home: string;
  /** A project folder (not a git repository) to run commands in. */
  project: string;
  dispose(): void;
}

export function sandbox(): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const home = join(base, 'home');
  const project = join(base, 'project');
  mkdirSync(project, { recursive: true });
  return { home, project, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function baton(
  box: Sandbox,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: box.project,
    // HOME too: agents' settings (doctor reads hook installs) come from the sandbox, not this machine.
    env: {
      ...process.env,
      BATON_HOME: box.home,
      HOME: box.home,
      NO_COLOR: '1',
      BATON_SESSION: '',
      ...options.env,
    },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Opens the sandbox's store directly, with the project of its folder, for seeding. */
export function openStore(box: Sandbox, now = Date.now()) {
  const store = SqliteStore.open({ path: storePath(box.home), clock: fixedClock(now, 1) });
  const project = store.projects.ensure(identifyProject(box.project));
  return { store, project };
}
