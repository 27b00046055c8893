import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detachedCommand } from './detached-command.js';

/** A job that waits for `go` to exist, then copies its stdin to `got`. */
function job(dir: string): string {
  const script = join(dir, 'job.cjs');
  writeFileSync(
    script,
    `const fs = require('node:fs');
     const text = fs.readFileSync(0, 'utf8');
     const wait = () => fs.existsSync(${JSON.stringify(join(dir, 'go'))})
       ? fs.writeFileSync(${JSON.stringify(join(dir, 'got'))}, text)
       : setTimeout(wait, 20);
     wait();`,
  );
  return `"${process.execPath}" "${script}" hook codex`;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('a detached hook command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-detached-'));
  });
  afterEach(() => {
    writeFileSync(join(dir, 'go'), '');
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns before its job ends, printing the reply; the job reads the whole payload and is noted', async () => {
    // A home whose name the shell must take literally.
    const home = join(dir, "baton home's $HOME `x` \\ }");
    const payload = JSON.stringify({ hook_event_name: 'Stop', text: 'x'.repeat(200_000) });
    const shell = spawnSync('/bin/sh', ['-c', detachedCommand(job(dir), home, '{}')], {
      input: payload,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      timeout: 30_000,
    });
    // The shell has exited while the job still waits for `go`: the agent did not wait for it.
    expect(shell.status).toBe(0);
    expect(shell.stdout).toBe('{}');
    expect(existsSync(join(dir, 'got'))).toBe(false);
    const notes = readdirSync(join(home, 'spool', 'workers'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^hook-\d+$/);
    // The note holds the folder the agent ran the hook in (SessionStart waits for its project's).
    expect(readFileSync(join(home, 'spool', 'workers', notes[0]!), 'utf8')).toBe(process.cwd());
    const pid = Number(notes[0]!.slice('hook-'.length));
    expect(() => process.kill(pid, 0)).not.toThrow();
    writeFileSync(join(dir, 'go'), '');
    await until(() => existsSync(join(dir, 'got')));
    expect(readFileSync(join(dir, 'got'), 'utf8')).toBe(payload);
  });

  it('notes the job in $BATON_HOME when the agent sets it, and prints nothing without a reply', () => {
    const other = join(dir, 'other');
    const shell = spawnSync('/bin/sh', ['-c', detachedCommand(job(dir), join(dir, 'unused'))], {
      input: '{}',
      encoding: 'utf8',
      env: { PATH: process.env.PATH, BATON_HOME: other },
      timeout: 30_000,
    });
    expect(shell.status).toBe(0);
    expect(shell.stdout).toBe('');
    expect(readdirSync(join(other, 'spool', 'workers'))).toHaveLength(1);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });
});
