// `baton search` through its small entry (bin/baton.js → dist/search.cjs → dist/search-main.cjs)
// against the full CLI (dist/cli.js, which any other command runs): the same bytes on stdout and
// stderr and the same exit code for hits, --json, paging, filters, no hits and errors; what the
// entry cannot read for sure (--help, an unknown option, a bad value, no words) is answered by the
// full CLI itself. And what the entry loads: not the full CLI, not commander, zod or the
// operations door; on Node 20 its compiled code kept in Baton's home, a damaged cache ignored.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../store/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'baton.js');
const FULL = join(ROOT, 'dist', 'cli.js');
let dir: string;
let home: string;
let cwd: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-entry-'));
  home = join(dir, 'home');
  cwd = join(dir, 'work');
  mkdirSync(cwd, { recursive: true });
  const store = SqliteStore.open({ path: storePath(home) });
  try {
    const other = store.projects.ensure({
      key: 'path:/elsewhere',
      root: '/elsewhere',
      remoteUrl: null,
      name: 'elsewhere',
    });
    const here = store.projects.ensure({
      key: `path:${cwd}`,
      root: cwd,
      remoteUrl: null,
      name: 'work',
    });
    for (const project of [here, other]) {
      const session = store.sessions.start({ agent: 'claude-code', projectId: project.id });
      const texts = [
        'why did the staging deploy fail?',
        'The deploy failed: connection refused by the database on port 5432',
        'retryWithBackoff now wraps the deploy step',
        'ran the flaky test again, it passed',
        'the checkout payment flow is failing on staging',
        'deployed to production after the fix',
      ];
      store.events.append(
        texts.map((text, i) => ({
          sessionId: session.id,
          kind: i % 2 === 0 ? ('user_message' as const) : ('assistant_message' as const),
          text,
          source: 'cli' as const,
        })),
      );
      store.todos.add({
        projectId: project.id,
        content: 'make the deploy retry on refused connections',
      });
      store.decisions.add({
        projectId: project.id,
        decision: 'deploy only from main',
        reasoning: 'staging broke',
      });
    }
    // A long, repetitive text: stored compressed (src/store/text-codec.ts).
    const session = store.sessions.start({ agent: 'claude-code', projectId: here.id });
    store.events.append([
      {
        sessionId: session.id,
        kind: 'assistant_message',
        text: 'the zebrafish migration moved the tanks. '.repeat(40),
        source: 'cli',
      },
    ]);
  } finally {
    store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node <script> search …args` with what it loaded: CommonJS files and Node's own modules (seen
 * at exit), and ES modules (seen by a loader hook: the full CLI, dist/cli.js, is one).
 */
function run(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Run & { files: string[]; builtins: string[]; esm: string[] } {
  const preload = join(dir, 'loaded.cjs');
  const out = join(dir, 'loaded.json');
  const esmLog = join(dir, 'esm.txt');
  const hooks = join(dir, 'hooks.mjs');
  const register = join(dir, 'register.mjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(` +
      `{ files: Object.keys(require.cache), builtins: process.moduleLoadList })));`,
  );
  writeFileSync(esmLog, '');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(esmLog)}, url + '\\n');\n` +
      `  return next(url, context);\n}\n`,
  );
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
  );
  const r = spawnSync(
    process.execPath,
    ['-r', preload, '--import', register, script, 'search', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: home, NO_COLOR: '1', ...env },
    },
  );
  const loaded = JSON.parse(readFileSync(out, 'utf8')) as { files: string[]; builtins: string[] };
  const files = loaded.files.filter((f) => f !== preload);
  const esm = readFileSync(esmLog, 'utf8').split('\n').filter(Boolean);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    files,
    builtins: loaded.builtins,
    esm,
  };
}

/** Whether a run went through the full CLI (dist/cli.js). */
const ranFullCli = (r: { esm: string[] }) => r.esm.some((url) => url.endsWith('/dist/cli.js'));

const SMALL_PATH: string[][] = [
  ['deploy'],
  ['deploy', '--json'],
  ['deploy', '--all-projects'],
  ['deploy', '--all-projects', '--json', '--total'],
  ['why', 'did', 'the', 'staging', 'deploy', 'fail?'],
  ['"connection refused" -test', '--all-projects', '--limit', '2', '--offset=1', '--total'],
  ['deploy', '--kind', 'user_message,todo', '--kind=decision', '--project', 'elsewhere'],
  ['deploy*', '--since', '7d', '--until=2999-01-01', '--agent', 'claude-code', '--json'],
  ['nothing-matches-this-word'],
  ['nothing-matches-this-word', '--all-projects', '--json'],
  // Errors: an unknown project, kind or time, and two options that exclude each other.
  ['deploy', '--project', 'no-such-project'],
  ['deploy', '--kind', 'bogus'],
  ['deploy', '--since', 'the day before'],
  ['deploy', '--all-projects', '--project', 'work'],
  ['deploy', '--session', 'no-such-session', '--json'],
];

const FULL_CLI: string[][] = [
  ['--help'],
  ['deploy', '-h'],
  [],
  ['deploy', '--limit', '0'],
  ['deploy', '--offset', 'x'],
  ['deploy', '--bogus'],
  ['deploy', '-flaky'],
  ['deploy', '--json=yes'],
  ['deploy', '--project'],
  ['--', 'deploy'],
];

/** What a user sees of a run: its exit code and both streams. */
const outcome = (r: { code: number | null; stdout: string; stderr: string }) => ({
  code: r.code,
  stdout: r.stdout,
  stderr: r.stderr,
});
describe('baton search through its small entry', () => {
  const named = (list: string[][]) => list.map((args) => [JSON.stringify(args), args] as const);

  it.each(named(SMALL_PATH))('answers %s as the full CLI does, without loading it', (_, args) => {
    const small = run(BIN, args);
    const full = run(FULL, args);
    expect(ranFullCli(small)).toBe(false);
    expect(ranFullCli(full)).toBe(true);
    expect(outcome(small)).toEqual(outcome(full));
    expect(small.stdout + small.stderr).not.toBe('');
  });

  it.each(named(FULL_CLI))('hands %s to the full CLI', (_, args) => {
    const small = run(BIN, args);
    const full = run(FULL, args);
    expect(ranFullCli(small)).toBe(true);
    expect(outcome(small)).toEqual(outcome(full));
  });

  it('reads a compressed text, loading zlib only then', () => {
    const r = run(BIN, ['zebrafish', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zebrafish migration');
    expect(r.builtins).toContain('NativeModule zlib');
    const full = run(FULL, ['zebrafish', '--json']);
    expect(outcome(r)).toEqual(outcome(full));
  });

  it('loads neither commander, zod nor the operations door', () => {
    const r = run(BIN, ['deploy', '--json']);
    expect(r.code).toBe(0);
    const ours = r.files.filter((f) => !f.includes('node_modules'));
    const main = join(ROOT, 'dist', 'search-main.cjs');
    // Node 20 compiles search-main.cjs through the code cache (not require); Node ≥ 22 requires it.
    expect(ours.filter((f) => f !== main)).toEqual([BIN, join(ROOT, 'dist', 'search.cjs')]);
    expect(r.files.filter((f) => /node_modules\/(commander|zod)\//.test(f))).toEqual([]);
    // Built-ins a search does not use stay unloaded (crypto: ids, redaction; zlib: packed texts).
    expect(r.builtins.filter((m) => /^NativeModule (crypto|zlib)$/.test(m))).toEqual([]);
    // Node 20: better-sqlite3's JavaScript comes from the bundle, only its addon from the package.
    if (Number(process.versions.node.split('.')[0]) < 22) {
      expect(r.files.filter((f) => f.includes('node_modules/better-sqlite3/'))).toEqual([
        join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      ]);
    }
    // What is in the bundle, from its source map: the search command's code, not the others'.
    const sources = (
      JSON.parse(readFileSync(`${main}.map`, 'utf8')) as { sources: string[] }
    ).sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
    expect(sources).toContain('src/search/search.ts');
    expect(sources).toContain('src/operations/search.ts');
    expect(
      sources.filter((s) => /node_modules\/(commander|zod|@modelcontextprotocol)\//.test(s)),
    ).toEqual([]);
    expect(
      sources.filter((s) => /^src\/(operations\/index|cli\/program|cli\/index)\.ts$/.test(s)),
    ).toEqual([]);
    expect(sources.filter((s) => s.startsWith('src/cli/commands/'))).toEqual([
      'src/cli/commands/search-run.ts',
    ]);
  });
});

describe('baton search’s output', () => {
  // NO_COLOR unset, as for most people: a colour package would read process.stdout at load.
  const coloured = { NO_COLOR: '', TERM: 'xterm-256color' };

  /** The built-ins a run loaded, seen at its exit (no loader hooks: they load net and pipes). */
  function builtinsOf(script: string, args: string[]): string[] {
    const preload = join(dir, 'builtins.cjs');
    const out = join(dir, 'builtins.json');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, ` +
        `JSON.stringify(process.moduleLoadList)));`,
    );
    const r = spawnSync(process.execPath, ['-r', preload, script, 'search', ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: home, ...coloured },
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(readFileSync(out, 'utf8')) as string[];
  }

  it('is written without Node’s stdout stream, and reads as before', () => {
    // process.stdout or process.stderr on a pipe (as here) is a socket over Node's pipe binding.
    const stream = (builtins: string[]) => builtins.includes('Internal Binding pipe_wrap');
    for (const args of [['deploy'], ['deploy', '--json'], ['nothing-matches-this-word']]) {
      expect(stream(builtinsOf(BIN, args))).toBe(false);
      expect(stream(builtinsOf(FULL, args))).toBe(true);
      expect(outcome(run(BIN, args, coloured))).toEqual(outcome(run(FULL, args, coloured)));
    }
  });

  it('says in one line that it cannot write the output (a full disk), as the full CLI does', () => {
    const toFullDisk = (script: string) =>
      spawnSync('sh', ['-c', `'${process.execPath}' '${script}' search deploy > /dev/full`], {
        cwd,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: home, NO_COLOR: '1' },
      });
    const small = toFullDisk(BIN);
    const full = toFullDisk(FULL);
    expect(small.stderr).toBe('baton: cannot write the output: no space left on device\n');
    expect(small.status).toBe(7);
    expect({ status: full.status, stderr: full.stderr }).toEqual({
      status: small.status,
      stderr: small.stderr,
    });
  });

  it('colours a terminal as the full CLI does', () => {
    // `script` gives the command a pseudo-terminal; its output is the terminal's bytes.
    const onTerminal = (script: string) =>
      spawnSync(
        'script',
        ['-qec', `'${process.execPath}' '${script}' search deploy`, '/dev/null'],
        {
          cwd,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: home, TERM: 'xterm-256color' },
        },
      );
    const small = onTerminal(BIN);
    const full = onTerminal(FULL);
    expect(small.status, small.stderr).toBe(0);
    expect(small.stdout).toContain('\x1b[');
    expect(small.stdout).toEqual(full.stdout);
  });
});

describe('the search entry’s code cache (Node 20)', () => {
  const nodeCaches = 'enableCompileCache' in Module;
  const cacheFiles = (h: string) =>
    existsSync(join(h, 'cache'))
      ? readdirSync(join(h, 'cache')).filter((f) => f.startsWith('search-main.cjs-'))
      : [];

  it.skipIf(nodeCaches)(
    'is written once, then taken; a damaged one is ignored and replaced',
    () => {
      const own = join(dir, 'own-home');
      rmSync(own, { recursive: true, force: true });
      mkdirSync(own, { recursive: true });
      writeFileSync(storePath(own), readFileSync(storePath(home)));
      const search = () => run(BIN, ['deploy', '--all-projects'], { BATON_HOME: own });
      const expected = run(FULL, ['deploy', '--all-projects'], { BATON_HOME: own }).stdout;

      expect(search().stdout).toBe(expected);
      const [file] = cacheFiles(own);
      expect(file).toBeDefined();
      const path = join(own, 'cache', file!);
      const written = statSync(path);
      // Taken: a cache V8 accepts is not written again (save() runs only when it was not used).
      expect(search().stdout).toBe(expected);
      expect(statSync(path).ino).toBe(written.ino);
      expect(statSync(path).mtimeMs).toBe(written.mtimeMs);

      writeFileSync(path, 'not V8 code at all');
      const damaged = search();
      expect(damaged.code).toBe(0);
      expect(damaged.stdout).toBe(expected);
      expect(cacheFiles(own)).toEqual([file]);
      expect(readFileSync(path, 'utf8')).not.toBe('not V8 code at all');
    },
  );

  it.runIf(nodeCaches)('keeps none of its own where Node has a compile cache', () => {
    expect(run(BIN, ['deploy']).code).toBe(0);
    expect(cacheFiles(home)).toEqual([]);
  });
});

describe('the search entry after the search', () => {
  it('refreshes the project’s mirror as every command does (the operations door, loaded then)', () => {
    const enable = spawnSync(process.execPath, [BIN, 'mirror', 'enable'], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: home, NO_COLOR: '1' },
    });
    expect(enable.status, enable.stderr).toBe(0);
    const mirror = join(cwd, '.baton', 'STATE.md');
    expect(readFileSync(mirror, 'utf8')).not.toContain('written behind the mirror’s back');
    // A change no command made: the mirror learns of it after the next command, this search.
    const store = SqliteStore.open({ path: storePath(home) });
    try {
      const project = store.projects.get('work')!;
      store.todos.add({ projectId: project.id, content: 'written behind the mirror’s back' });
    } finally {
      store.close();
    }
    // (The small path for these arguments is shown above; with the mirror on, it imports the
    // operations door, an ES module, after the search.)
    const r = run(BIN, ['deploy', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(mirror, 'utf8')).toContain('written behind the mirror’s back');
  });
});
