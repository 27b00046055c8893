// Which better-sqlite3 to load. Node 24.19 made node::ObjectWrap abort the process when a
// better-sqlite3 < 13 Statement is garbage-collected outside a V8 context (WiseLibs/better-sqlite3
// #1515: "Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook). Version 13 fixes
// it with a Node-API rewrite and ships prebuilt binaries, but needs Node ≥ 22 (it crashes on 20).
// So Node ≥ 22 loads 13 (installed under the alias better-sqlite3-prebuilt) and Node 20 loads 12,
// compiled from source at install. Both expose the same API. A bundle may carry version 12's
// JavaScript itself (`baton search`'s, src/cli/search-entry/bundled-sqlite.ts): it is taken only
// beside an installed package of the same version whose addon is opened by path (usableCopy).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { BatonError } from '../../core/index.js';

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split('.')[0]);

/** Version 12's folder where it is installed (Node < 22), else undefined. */
const packageDir: string | undefined = (() => {
  if (major >= 22) return undefined;
  try {
    return dirname(require.resolve('better-sqlite3/package.json'));
  } catch {
    return undefined;
  }
})();

/**
 * Version 12's addon where its install builds it, for `new Database(…, { nativeBinding })`:
 * without it, the first open asks the `bindings` package, which walks the stack for the caller's
 * folder and tries a dozen paths — milliseconds every short command (`baton search`) pays.
 * Undefined on Node ≥ 22 (version 13 finds its prebuilt binary itself) or where the file is not
 * there (the package then finds it as before).
 */
export const nativeBinding: string | undefined = (() => {
  if (packageDir === undefined) return undefined;
  const file = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
})();

/** A copy of version 12's JavaScript that a bundle offers (src/cli/search-entry/bundled-sqlite.ts). */
export interface BundledSqlite {
  version: string;
  load: () => typeof BetterSqlite3;
}

/** Where a bundle puts its copy, before this module loads. */
const BUNDLED = Symbol.for('baton.bundled-better-sqlite3');

/**
 * The bundled copy's package when it can stand in for the installed one: the same version (the
 * JavaScript and the addon are one release) and the addon opened by path (the copy's `bindings`
 * lookup would search from the bundle's folder, not the package's). Else undefined.
 */
export function usableCopy(
  copy: BundledSqlite | undefined,
  installedVersion: () => string | undefined,
  addon: string | undefined,
): BundledSqlite | undefined {
  return copy !== undefined && addon !== undefined && installedVersion() === copy.version
    ? copy
    : undefined;
}

function installedVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir!, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

function load(): typeof BetterSqlite3 {
  if (major >= 22) return require('better-sqlite3-prebuilt') as typeof BetterSqlite3;
  try {
    const copy = (globalThis as Record<symbol, BundledSqlite | undefined>)[BUNDLED];
    return (
      usableCopy(copy, installedVersion, nativeBinding)?.load() ??
      (require('better-sqlite3') as typeof BetterSqlite3)
    );
  } catch (error) {
    // Version 12 is an optional dependency (Node ≥ 22 never needs it), so a failed native build
    // does not fail the install; say here what to do about it.
    throw new BatonError(
      'INTERNAL',
      `better-sqlite3 is not installed for Node ${process.versions.node}: ${(error as Error).message}`,
      {
        hint: 'use Node 22 or newer, or install a C++ toolchain and run `npm rebuild better-sqlite3`',
      },
    );
  }
}

export const Database: typeof BetterSqlite3 = load();

export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;
