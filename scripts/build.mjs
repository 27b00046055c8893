// Bundles the CLI into dist/ with esbuild. better-sqlite3 stays external (a native addon). The hook
// is two builds of its own: dist/hook.cjs, the hot entry every tool call runs (one small file), and
// dist/hook-full.cjs, the full hook it loads for anything else. Had they shared code splitting with the
// CLI, esbuild's shared chunks would drag zod into their static imports.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

rmSync('dist', { recursive: true, force: true });
const common = {
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  // Prefer a package's ESM build: jsonc-parser's default (UMD) entry loads its parts through a
  // require() esbuild cannot follow, which leaves the bundle asking for files that are not there.
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: true,
  // pg-native is pg's optional libpq binding, never installed: pg uses its JavaScript client.
  external: ['better-sqlite3', 'better-sqlite3-prebuilt', 'pg-native'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __batonRequire } from 'node:module'; const require = __batonRequire(import.meta.url);",
  },
};
// The CLI loads Node's built-ins with require(): an ESM `import … from 'node:fs'` builds a facade
// over every export of the module, which touches its lazy getters — fs/promises, readline and
// Node's stream machinery, webcrypto, process.report — in every command.
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
    // Left to Node: esbuild does not know every built-in by its bare name (readline/promises).
    b.onResolve({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      // The bare name: a `node:` specifier here would resolve back to this very module.
      contents: `module.exports = require(${JSON.stringify(args.path.slice(5))});`,
      loader: 'js',
    }));
  },
};
await build({
  ...common,
  plugins: [builtinsByRequire],
  // The imports' workers and the integrity check's are entries of their own: each is started by
  // file (dist/events-worker.js, dist/tail-worker.js, dist/integrity-worker.js).
  // mcp-full is `baton mcp` for the small MCP entry below (src/cli/mcp-entry/).
  entryPoints: {
    cli: 'src/cli/main.ts',
    'events-worker': 'src/capture/events/events-worker.ts',
    'tail-worker': 'src/capture/transcripts/tail-worker.ts',
    'integrity-worker': 'src/store/sqlite/integrity-worker.ts',
    'mcp-full': 'src/cli/mcp-entry/mcp-full.ts',
    // The operations door by a name of its own: `baton search`'s small entry imports it (ESM)
    // only when the command must refresh projects' mirrors afterwards.
    operations: 'src/operations/index.ts',
  },
  splitting: true,
});
// The full hook (lifecycle events, SessionStart's brief) is one CommonJS file too, without code
// splitting: on Node 20 (no compile cache) the ESM loader and a dozen chunks cost SessionStart
// ~20 ms more than compiling the few lifecycle and brief modules it would not need.
const hook = await build({
  ...common,
  sourcemap: 'external',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  entryPoints: { 'hook-full': 'src/cli/hook/hook-main.ts' },
  // The SQLite driver finds its addon relative to the bundle (createRequire(import.meta.url)).
  define: { 'import.meta.url': '__batonUrl' },
  banner: { js: "var __batonUrl = require('node:url').pathToFileURL(__filename).href;" },
  minify: true,
  metafile: true,
});

// The hot entry runs on every tool call: one CommonJS file (Node's ESM loader alone costs a few
// ms), without the banner or code splitting, whose only way out is the full hook, loaded lazily.
const fullHookOutside = {
  name: 'full-hook-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/hook-main\.js$/ }, () => ({
      path: './hook-full.cjs',
      external: true,
    }));
  },
};
const hot = await build({
  ...common,
  banner: {},
  // No sourceMappingURL comment: seeing one makes Node load its source-map support.
  sourcemap: 'external',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  plugins: [fullHookOutside],
  entryPoints: { hook: 'src/cli/hook/hook-entry.ts' },
  // import() as require(): the full hook is CommonJS, and the ESM loader costs a few ms.
  supported: { 'dynamic-import': false },
  // The capture door it imports from names modules that use import.meta (the store's driver, the
  // events worker); esbuild reads them, then drops them (src/cli/hook/hook-entry.test.ts pins what the
  // hot entry loads), so their warning says nothing here.
  logOverride: { 'empty-import-meta': 'silent' },
  minify: true,
  metafile: true,
});

// `baton mcp`'s small entry (dist/mcp.cjs): it answers `initialize` and `tools/list` with what the
// real server answers — taken here from the server just built — and loads dist/mcp-full.js only at
// the first message it cannot answer itself. CommonJS and alone, like the hook's hot entry.
const { mcpListing, mcpShellScript } = await import(
  new URL('../dist/mcp-full.js', import.meta.url).href
);
const listing = await mcpListing();
// Its POSIX sh front (dist/mcp.sh, what install registers): the same listing, answered by the
// shell until the first message it does not answer (src/cli/mcp-entry/mcp-sh.ts).
writeFileSync(new URL('../dist/mcp.sh', import.meta.url), mcpShellScript(listing));
const mcp = await build({
  ...common,
  banner: {},
  sourcemap: 'external',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  entryPoints: { mcp: 'src/cli/mcp-entry/mcp-entry.ts' },
  // As JSON text, parsed at start: V8 reads JSON faster than it compiles the same object literal.
  define: { __BATON_MCP_LISTING_JSON__: JSON.stringify(JSON.stringify(listing)) },
  // The front names the hook tool, taken from the capture door; esbuild reads that door's modules
  // that use import.meta, then drops them.
  logOverride: { 'empty-import-meta': 'silent' },
  minify: true,
  metafile: true,
});
// What the MCP entry loads at the first call of Claude Code's hook tool (src/cli/mcp-entry/mcp-hook.ts):
// it spools as the hot hook does, through the same capture door, whose modules that use
// import.meta esbuild drops again.
const mcpHook = await build({
  ...common,
  banner: {},
  sourcemap: 'external',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  entryPoints: { 'mcp-hook': 'src/cli/mcp-entry/mcp-hook.ts' },
  logOverride: { 'empty-import-meta': 'silent' },
  minify: true,
  metafile: true,
});

// `baton search` (src/cli/search-entry/): dist/search.cjs reads the arguments and loads
// dist/search-main.cjs, the command with the store and the search and no commander or zod —
// both CommonJS like the hook's, the second one compiled with the code cache on Node 20. The
// operations door, which only the mirrors' refresh after a command needs, stays outside: the
// entry imports it from dist/operations.js then (CliContext's own import() is never run there).
const operationsOutside = {
  name: 'operations-outside',
  setup(b) {
    b.onResolve({ filter: /\/operations\/index\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './operations.js', external: true } : undefined,
    );
  },
};
// Two built-ins are required by modules of the store when they load, though a search uses them
// rarely or never: `node:crypto` (ulidx, the ids, the redactor and the store's open use it to
// make an id, mark a secret or give a new store its identity) and `node:zlib` (packed texts and
// checkpoints; Node's streams and perf_hooks come with it). Loading them costs a cold `baton search`
// several ms, so in this bundle each is loaded on its first use: a property read of its stand-in.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(crypto|zlib)$/ }, (args) =>
      args.namespace === 'lazy'
        ? { path: args.path, external: true }
        : { path: `node:${args.path.replace(/^node:/, '')}`, namespace: 'lazy' },
    );
    // A getter per export (named at build time): esbuild's interop copies a module's own
    // properties as getters, so each still reads the real module only when used.
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((name) => name !== 'default');
      const getters = names.map((name) => `get ${name}() { return load().${name}; }`);
      return {
        contents:
          `let loaded; const load = () => (loaded ??= require(${JSON.stringify(args.path)}));\n` +
          `module.exports = { ${getters.join(', ')} };`,
        loader: 'js',
      };
    });
  },
};
// better-sqlite3 12's JavaScript goes into this bundle too, for Node 20, where it is otherwise a
// dozen files found, read and compiled anew by every search (src/cli/search-entry/bundled-sqlite.ts
// offers it to the driver, which takes it only beside an installed package of the same version).
// Its `bindings` lookup is only for an addon not opened by path, which the driver never lets
// this copy do: it stays outside. Where version 12 is not installed (an optional dependency whose
// native build may fail on Node ≥ 22, which never needs it), the bundle offers nothing.
const resolveFromHere = (path) => {
  try {
    return createRequire(import.meta.url).resolve(path);
  } catch {
    return undefined;
  }
};
const bundledSqlite = {
  name: 'bundled-sqlite',
  setup(b) {
    const installed = resolveFromHere('better-sqlite3/package.json') !== undefined;
    b.onResolve({ filter: /\/bundled-sqlite\.js$/ }, () =>
      installed ? undefined : { path: 'bundled-sqlite', namespace: 'nothing' },
    );
    b.onLoad({ filter: /.*/, namespace: 'nothing' }, () => ({ contents: '', loader: 'js' }));
    b.onResolve({ filter: /^better-sqlite3(\/package\.json)?$/ }, (args) => ({
      path: resolveFromHere(args.path),
    }));
    b.onResolve({ filter: /^bindings$/ }, (args) => ({ path: args.path, external: true }));
  },
};
const searchMain = await build({
  ...common,
  sourcemap: 'external',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  plugins: [operationsOutside, lazyBuiltins, bundledSqlite],
  entryPoints: { 'search-main': 'src/cli/search-entry/search-main.ts' },
  define: { 'import.meta.url': '__batonUrl' },
  banner: { js: "var __batonUrl = require('node:url').pathToFileURL(__filename).href;" },
  minify: true,
  metafile: true,
});
const searchEntry = await build({
  ...common,
  banner: {},
  sourcemap: 'external',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  entryPoints: { search: 'src/cli/search-entry/search-entry.ts' },
  minify: true,
  metafile: true,
});

// The hook bundles must stay small: fail the build if the CLI's heavy dependencies reach them.
const small = [hook, hot, mcp, mcpHook, searchMain, searchEntry];
const heavy = small
  .flatMap((result) => Object.values(result.metafile.outputs))
  .flatMap((output) => Object.entries(output.inputs))
  .filter(
    ([input, v]) =>
      v.bytesInOutput > 0 &&
      /node_modules\/(commander|zod|@clack|@modelcontextprotocol)\//.test(input),
  )
  .map(([input]) => input);
if (heavy.length) {
  console.error(
    `the hook, MCP or search entry bundles CLI-only dependencies:\n  ${heavy.join('\n  ')}`,
  );
  process.exit(1);
}

// And ASCII only: one non-ASCII character (a `’` in a regular expression, which esbuild leaves as
// written) makes Node read the whole file as a two-byte string, twice the memory and its page
// faults in every process that loads it. Write such a character as an escape (`\u2019`).
const wide = small
  .flatMap((result) => Object.keys(result.metafile.outputs))
  .filter((file) => file.endsWith('.cjs'))
  .map((file) => [file, readFileSync(file, 'utf8').match(/[^\p{ASCII}]/u)])
  .filter(([, found]) => found);
if (wide.length) {
  console.error(
    `non-ASCII characters in the small bundles (write them as escapes):\n  ${wide
      .map(([file, found]) => `${file}: ${JSON.stringify(found[0])} at ${found.index}`)
      .join('\n  ')}`,
  );
  process.exit(1);
}

// The web viewer (web/, Preact) into dist/web, which the daemon serves under /ui/.
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: 'web/vite.config.mjs' });
// Their size, raw and gzipped, so a change that bloats the page shows in every build.
const { readdirSync } = await import('node:fs');
const { gzipSync } = await import('node:zlib');
const sizes = readdirSync('dist/web/assets').map((f) => {
  const bytes = readFileSync(`dist/web/assets/${f}`);
  return `${f} ${(bytes.length / 1024).toFixed(1)} KiB (gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB)`;
});
console.log(`web viewer: ${sizes.join(', ')}`);
