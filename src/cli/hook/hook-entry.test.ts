// Pins what the built hot entry loads for a spooled tool event: bin/baton.js and dist/hook.cjs and
// no other file — so not the full hook, the store or SQLite — and none of Node's crypto, stream,
// tty, net or ES module machinery (each costs a tool hook time it does not need); and that a
// SessionStart loads the full hook as CommonJS (dist/hook-full.cjs), never Node's ESM loader, and
// on Node 20 keeps its compiled code in Baton's home for the next one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-hook-entry-'));
});
afterEach(() => {
  // A SessionStart leaves a background worker writing into the home: wait for it first.
  spawnSync(process.execPath, [join(ROOT, 'bin', 'baton.js'), 'hook', '--wait'], {
    env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: join(dir, 'home') },
  });
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

interface Loaded {
  files: string[];
  builtins: string[];
}

/** Runs `node <script> …args` with a preload that writes what the process loaded, at exit. */
function loadedBy(args: string[], input: string): Loaded & { code: number | null; stdout: string } {
  const preload = join(dir, 'loaded.cjs');
  const out = join(dir, 'loaded.json');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(` +
      `{ files: Object.keys(require.cache), builtins: process.moduleLoadList })));`,
  );
  const r = spawnSync(process.execPath, ['-r', preload, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: join(dir, 'home') },
  });
  const loaded = JSON.parse(readFileSync(out, 'utf8')) as Loaded;
  return {
    ...loaded,
    files: loaded.files.filter((f) => f !== preload),
    code: r.status,
    stdout: r.stdout,
  };
}

describe('the hook hot entry', () => {
  it('spools a tool event loading only the launcher and dist/hook.cjs', () => {
    const empty = join(dir, 'empty.cjs');
    writeFileSync(empty, '');
    const bare = loadedBy([empty], '');
    const payload = JSON.stringify({ session_id: 's1', hook_event_name: 'PreToolUse' });
    const hook = loadedBy([join(ROOT, 'bin', 'baton.js'), 'hook', 'claude-code'], payload);

    expect(hook.code).toBe(0);
    expect(hook.stdout).toBe('');
    expect(readdirSync(join(dir, 'home', 'spool')).filter((f) => f.endsWith('.hook'))).toHaveLength(
      1,
    );
    expect(hook.files).toEqual([join(ROOT, 'bin', 'baton.js'), join(ROOT, 'dist', 'hook.cjs')]);
    const extra = hook.builtins.filter((m) => !bare.builtins.includes(m));
    // The spool's cipher is plain JavaScript (src/capture/hooks/chacha20.ts): Node's crypto
    // module, with the stream machinery it loads, would cost a tool hook more than all the rest.
    expect(extra.filter((m) => /crypto|stream|tty|net|esm|readline|sqlite/.test(m))).toEqual([]);
  });

  it('runs SessionStart through dist/hook-full.cjs without the ES module loader', () => {
    const empty = join(dir, 'empty.cjs');
    writeFileSync(empty, '');
    const bare = loadedBy([empty], '');
    const payload = JSON.stringify({
      session_id: 's2',
      cwd: dir,
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    const hook = loadedBy([join(ROOT, 'bin', 'baton.js'), 'hook', 'claude-code'], payload);

    expect(hook.code).toBe(0);
    expect(JSON.parse(hook.stdout)).toMatchObject({
      hookSpecificOutput: { hookEventName: 'SessionStart' },
    });
    // Node 20 compiles hook-full.cjs with a code cache of ours (code-cache.ts), not require().
    const ours = hook.files.filter((f) => !f.includes('node_modules'));
    const full = join(ROOT, 'dist', 'hook-full.cjs');
    expect(ours.filter((f) => f !== full)).toEqual([
      join(ROOT, 'bin', 'baton.js'),
      join(ROOT, 'dist', 'hook.cjs'),
    ]);
    const extra = hook.builtins.filter((m) => !bare.builtins.includes(m));
    // node:module (the compile cache switch) brings esm/loader itself, but nothing is loaded by it.
    expect(extra.filter((m) => /esm\/(module_job|translators|resolve|load)$/.test(m))).toEqual([]);
    // Nothing removed with Node's rimraf (fs.rmSync loads it); the brief is read-only, so no
    // urgent-writer marker is left either.
    expect(extra.filter((m) => /rimraf/.test(m))).toEqual([]);
    const urgent = join(dir, 'home', 'baton.db-urgent');
    expect(existsSync(urgent) ? readdirSync(urgent) : []).toEqual([]);
  });

  it('keeps the full hook compiled in Baton’s home on Node 20, for the next SessionStart', () => {
    const start = (id: string) =>
      loadedBy(
        [join(ROOT, 'bin', 'baton.js'), 'hook', 'claude-code'],
        JSON.stringify({ session_id: id, cwd: dir, hook_event_name: 'SessionStart' }),
      );
    const first = start('s3');
    const second = start('s4');
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      hookSpecificOutput: { hookEventName: 'SessionStart' },
    });
    const cached = existsSync(join(dir, 'home', 'cache'))
      ? readdirSync(join(dir, 'home', 'cache'))
      : [];
    const nodeCaches = 'enableCompileCache' in Module;
    expect(cached.filter((f) => f.startsWith('hook-full.cjs-'))).toHaveLength(nodeCaches ? 0 : 1);
  });
});
