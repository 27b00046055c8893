// Pins the code cache the full hook is loaded with on Node 20: a first load compiles from source
// and saves; the next takes the cache; a rebuilt file or a damaged cache is compiled from source
// again (never run stale or broken code), and saving replaces the old cache. Each load is its own
// process, as a hook's is: within one, V8 would reuse its in-memory compilation instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(resolve(import.meta.dirname, 'code-cache.ts')).href;
let dir: string;
let file: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-code-cache-'));
  file = join(dir, 'bundle.cjs');
  cache = join(dir, 'cache');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const source = (answer: number) =>
  `'use strict';\nconst { basename } = require('node:path');\n` +
  `exports.answer = () => ${answer};\nexports.name = basename(__filename);\n`;

/** Loads `file` in a new process, saving the cache after; what it found and what the code said. */
function load(): { hit: boolean; answer: number; name: string } {
  const script =
    `const { requireWithCodeCache } = await import(${JSON.stringify(MODULE)});\n` +
    `const r = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});\n` +
    `r.save();\n` +
    `console.log(JSON.stringify({ hit: r.hit, answer: r.exports.answer(), name: r.exports.name }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { hit: boolean; answer: number; name: string };
}

describe('requireWithCodeCache', () => {
  it('compiles from source and saves, then loads from the cache', () => {
    writeFileSync(file, source(41));
    expect(load()).toEqual({ hit: false, answer: 41, name: 'bundle.cjs' });
    expect(readdirSync(cache)).toHaveLength(1);
    expect(load()).toEqual({ hit: true, answer: 41, name: 'bundle.cjs' });
  });

  it('compiles a rebuilt file from source and replaces the old cache', () => {
    writeFileSync(file, source(41));
    load();
    const [old] = readdirSync(cache);
    writeFileSync(file, source(42));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(load()).toMatchObject({ hit: false, answer: 42 });
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cache)).not.toContain(old);
    expect(load()).toMatchObject({ hit: true, answer: 42 });
  });

  it('compiles from source when the cache is damaged', () => {
    writeFileSync(file, source(7));
    load();
    const [name] = readdirSync(cache);
    writeFileSync(join(cache, name!), 'not V8 code');
    expect(load()).toMatchObject({ hit: false, answer: 7 });
    expect(load()).toMatchObject({ hit: true, answer: 7 });
  });
});
