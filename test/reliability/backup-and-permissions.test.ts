// Faults around the store, not in it: a backup to a folder that is not there or onto a full disk
// (a 256 KiB tmpfs) fails in one line with exit 7, leaves no partial file and the store intact;
// a home Baton may not open is a permission problem (exit 7, the path named), not a bug (70) nor
// a damaged store to move away.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../e2e/cli.js';
import { BATON_BIN, runBaton, tempHome } from '../e2e/run-baton.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  for (let i = 0; i < 3; i++) ok(['log', 'note', `note ${i} ${'words '.repeat(2000)}`], { home });
});
afterEach(() => {
  chmodSync(home, 0o700);
  cleanup();
});

/** The store's events, exported: what must be the same before and after a failed backup. */
const exported = () => ok(['export', '--format', 'events', '--all-projects'], { home });

function oneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^baton: /);
}

/** Runs `baton ARGS` with a 256 KiB tmpfs at `mount`, in a mount namespace of its own. */
function onTinyDisk(mount: string, args: string[]): { code: number | null; stderr: string } {
  mkdirSync(mount, { recursive: true });
  const script = `mount -t tmpfs -o size=256k tmpfs "$1" && shift && exec "$@"`;
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(
    'unshare',
    [asRoot ? '-m' : '-rm', 'sh', '-c', script, 'sh', mount, process.execPath, BATON_BIN, ...args],
    { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, BATON_HOME: home } },
  );
  if (r.error) throw r.error;
  return { code: r.status, stderr: r.stderr };
}

describe('backups that cannot be written', () => {
  it('to a missing folder: exit 7 naming the folder, store intact', () => {
    const before = exported();
    const r = runBaton(['backup', join(home, 'no', 'such', 'dir', 'b.db')], { home });
    expect(r.code).toBe(7);
    oneLine(r.stderr);
    expect(r.stderr).toContain(`the folder ${join(home, 'no', 'such', 'dir')} does not exist`);
    expect(existsSync(join(home, 'no'))).toBe(false);
    expect(exported()).toBe(before);
  });

  it('onto a full disk: exit 7 "the disk is full", no partial file, store intact', () => {
    const before = exported();
    expect(before.trim().split('\n')).toHaveLength(3);
    const mount = join(home, 'tiny');
    const r = onTinyDisk(mount, ['backup', join(mount, 'b.db')]);
    expect(r.stderr).toMatch(/^baton: the backup to .* failed: the disk is full/);
    expect(r.code).toBe(7);
    oneLine(r.stderr);
    // The namespace's tmpfs is gone with it; under it the folder was left empty.
    expect(readdirSync(mount)).toEqual([]);
    expect(exported()).toBe(before);
    expect(ok(['doctor', '--quick'], { home })).toContain('integrity');
  });
});

describe('a home Baton may not open', () => {
  /** Runs baton as someone the home does not let in: nobody when we are root, else us after chmod. */
  function locked(args: string[]): { code: number | null; stdout: string; stderr: string } {
    chmodSync(home, 0o000);
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(process.execPath, [BATON_BIN, ...args], {
      encoding: 'utf8',
      cwd: '/',
      env: { PATH: process.env.PATH, HOME: home, BATON_HOME: home, NO_COLOR: '1' },
      ...(asRoot && { uid: 65534, gid: 65534 }),
    });
    chmodSync(home, 0o700);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('is a permission problem: exit 7, one line naming the path', () => {
    for (const args of [['todo', 'list'], ['todo', 'add', 'x'], ['backup']]) {
      const r = locked(args);
      expect(r.code, args.join(' ')).toBe(7);
      oneLine(r.stderr);
      expect(r.stderr).toContain(`permission denied: ${home}`);
      expect(r.stderr).not.toMatch(/bug|damaged/);
    }
  });

  it('doctor names it and does not advise moving the store away', () => {
    const r = locked(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('permission denied');
    expect(r.stdout).not.toMatch(/move the damaged file|restore-backup/);
  });
});
