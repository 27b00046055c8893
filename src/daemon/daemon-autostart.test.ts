// The daemon a hook starts (`daemon.autostart`) runs at the lowest CPU priority, as the spool's
// worker does: it yields the cores to the agent whose hook started it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../capture/index.js';
import { autostartDaemon } from './daemon-autostart.js';

let root: string;
let pid: number | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-autostart-'));
  pid = undefined;
});
afterEach(() => {
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  rmSync(root, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

/** A stand-in for Baton's launcher: notes its pid and arguments, then sleeps. */
function fakeLauncher(): { script: string; note: string } {
  const script = join(root, 'launcher.cjs');
  const note = join(root, 'started');
  writeFileSync(
    script,
    `require('node:fs').writeFileSync(${JSON.stringify(note)}, JSON.stringify([process.pid, process.argv.slice(2)]));\n` +
      `setTimeout(() => {}, 60000);\n`,
  );
  return { script, note };
}

describe('the daemon a hook starts', () => {
  it('runs at the lowest CPU priority', async () => {
    const { script, note } = fakeLauncher();
    const home = join(root, 'home');
    expect(
      autostartDaemon(
        home,
        { PATH: process.env.PATH },
        { command: process.execPath, args: [script] },
      ),
    ).toBe(true);
    await until(() => existsSync(note));
    const [started, args] = JSON.parse(readFileSync(note, 'utf8')) as [number, string[]];
    pid = started;
    expect(args).toEqual(['daemon', 'run']);
    expect(getPriority(pid)).toBe(BACKGROUND_NICE);
  });

  it('runs as started when BATON_BACKGROUND_NICE is 0', async () => {
    const { script, note } = fakeLauncher();
    const env = { PATH: process.env.PATH, BATON_BACKGROUND_NICE: '0' };
    expect(
      autostartDaemon(join(root, 'home'), env, { command: process.execPath, args: [script] }),
    ).toBe(true);
    await until(() => existsSync(note));
    pid = (JSON.parse(readFileSync(note, 'utf8')) as [number])[0];
    expect(getPriority(pid)).toBe(getPriority());
  });
});
