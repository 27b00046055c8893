// better-sqlite3 12's JavaScript inside dist/search-main.cjs, offered to the store's driver
// (src/store/sqlite/driver.ts) before it loads. On Node 20 — no compile cache — requiring the
// package from node_modules is a dozen files found, read and compiled anew by every `baton search`,
// several ms of a cold search; in this bundle it is compiled with the entry's own code cache. The
// driver takes the copy only where it is safe: the installed better-sqlite3 has the same version
// (its addon and this JavaScript come from one release) and its addon is opened by path. This file
// is imported first by search-main.ts; only this bundle holds it (scripts/build.mjs bundles the
// package into it), every other build and the tests load the package as they always have.
/* eslint-disable @typescript-eslint/no-require-imports -- esbuild bundles these require() calls */
import type BetterSqlite3 from 'better-sqlite3';

/** The global key the driver reads (written out there too: the store may not import the CLI). */
const KEY = Symbol.for('baton.bundled-better-sqlite3');

(globalThis as Record<symbol, unknown>)[KEY] = {
  version: (require('better-sqlite3/package.json') as { version: string }).version,
  load: () => require('better-sqlite3') as typeof BetterSqlite3,
};
