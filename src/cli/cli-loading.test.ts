// Pins what the built CLI loads: `baton resume` only its own command's code — not zod, the MCP SDK,
// search, or the capture adapters with their settings editors — `baton search` (when the full CLI
// runs it) only the search and the store, and `baton --version` no command at all. Read from the source maps of the dist files
// the process loaded, so it follows the code wherever esbuild puts it. (On Node 20 every module loaded is compiled on every run.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-cli-loading-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The sources (node_modules/… and src/…) of every dist file `baton …args` loaded. */
function sourcesLoadedBy(args: string[]): string[] {
  const log = join(dir, 'loaded.txt');
  const hooks = join(dir, 'hooks.mjs');
  const preload = join(dir, 'preload.mjs');
  writeFileSync(log, '');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n` +
      `  return next(url, context);\n}\n`,
  );
  writeFileSync(
    preload,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
  );
  const r = spawnSync(
    process.execPath,
    ['--import', preload, join(ROOT, 'bin', 'baton.js'), ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, BATON_HOME: join(dir, 'home'), NO_COLOR: '1' },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.includes('/dist/'))
    .map((u) => fileURLToPath(u));
  expect(files).toContain(join(ROOT, 'dist', 'cli.js'));
  return files.flatMap((f) => {
    const map = `${f}.map`;
    if (!existsSync(map)) return [];
    const sources = (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
    return sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
  });
}

const HEAVY = /node_modules\/(zod|@modelcontextprotocol|ajv|@decimalturn|jsonc-parser|smol-toml)\//;

describe('what the built CLI loads', () => {
  it('loads for `baton resume` neither zod, the MCP SDK, search nor the capture adapters', () => {
    const sources = sourcesLoadedBy(['resume', '--no-git']);
    expect(sources.some((s) => s.startsWith('src/recover/'))).toBe(true);
    expect(sources.filter((s) => HEAVY.test(s))).toEqual([]);
    expect(sources.filter((s) => /^src\/(search|mcp|capture|schemas)\//.test(s))).toEqual([]);
  });

  it('loads for `baton search` only the search, the store and its own command', () => {
    // `-wip` (a word to exclude) is read by the full CLI, not the small entry
    // (src/cli/search-entry/, whose loading its own test pins).
    const sources = sourcesLoadedBy(['search', 'deploy', '--all-projects', '-wip']);
    expect(sources).toContain('src/search/search.ts');
    expect(sources.filter((s) => HEAVY.test(s))).toEqual([]);
    expect(
      sources.filter((s) =>
        /^src\/(recover|capture|mcp|schemas|operations|doctor|sync|daemon)\//.test(s),
      ),
    ).toEqual(['src/operations/search.ts']);
    expect(sources.filter((s) => s.startsWith('src/cli/commands/')).sort()).toEqual([
      'src/cli/commands/search-run.ts',
      'src/cli/commands/search.ts',
    ]);
  });

  it('loads no command for `baton --version`', () => {
    const sources = sourcesLoadedBy(['--version']);
    expect(sources.filter((s) => s.startsWith('src/cli/commands/'))).toEqual([]);
    expect(sources.filter((s) => /^src\/(recover|search|capture)\//.test(s))).toEqual([]);
  });
});
