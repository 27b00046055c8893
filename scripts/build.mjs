// Bundles the CLI into dist/ with esbuild. better-sqlite3 stays external (a native addon). The hook
// is two builds of its own: dist/hook.cjs, the hot entry every tool call runs (one small file), and
// dist/hook.js, the full hook it loads for anything else. Had they shared code splitting with the
// CLI, esbuild's shared chunks would drag zod into their static imports.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
  external: ['better-sqlite3', 'better-sqlite3-prebuilt'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __batonRequire } from 'node:module'; const require = __batonRequire(import.meta.url);",
  },
};
// Node's built-ins are loaded with require(): an ESM `import … from 'node:fs'` builds
// a facade over every export of the module, which touches fs's lazy getters and loads all of
// Node's stream machinery — most of a spooled tool hook's own time on Node 24, and
// fs/promises, readline, webcrypto and process.report in every CLI command.
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
  entryPoints: { cli: 'src/cli/main.ts' },
  splitting: true,
});
const hook = await build({
  ...common,
  plugins: [builtinsByRequire],
  entryPoints: { hook: 'src/cli/hook-main.ts' },
  // Lifecycle events and the brief load as their own chunks, only when those events happen.
  splitting: true,
  minify: true,
  metafile: true,
});

// The hot entry runs on every tool call: one CommonJS file (Node's ESM loader alone costs a few
// ms), without the banner or code splitting, whose only way out is the full hook, loaded lazily.
const fullHookOutside = {
  name: 'full-hook-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/hook-main\.js$/ }, () => ({ path: './hook.js', external: true }));
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
  entryPoints: { hook: 'src/cli/hook-entry.ts' },
  minify: true,
  metafile: true,
});

// The hook bundles must stay small: fail the build if the CLI's heavy dependencies reach them.
const heavy = [hook, hot]
  .flatMap((result) => Object.values(result.metafile.outputs))
  .flatMap((output) => Object.entries(output.inputs))
  .filter(
    ([input, v]) => v.bytesInOutput > 0 && /node_modules\/(commander|zod|@clack)\//.test(input),
  )
  .map(([input]) => input);
if (heavy.length) {
  console.error(`the hook bundles CLI-only dependencies:\n  ${heavy.join('\n  ')}`);
  process.exit(1);
}
