// Bundles the CLI into dist/ with esbuild: one file per entry, so `baton hook` loads only what the
// hot path needs. better-sqlite3 stays external (a native addon). The hook is its own build: had it
// shared code splitting with the CLI, esbuild's shared chunks would drag zod into its static imports.
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
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, splitting: true });
const hook = await build({
  ...common,
  entryPoints: { hook: 'src/cli/hook-main.ts' },
  // Lifecycle events and the brief load as their own chunks, only when those events happen.
  splitting: true,
  minify: true,
  metafile: true,
});

// The hook bundle must stay small: fail the build if the CLI's heavy dependencies reach it.
const heavy = Object.values(hook.metafile.outputs)
  .flatMap((output) => Object.entries(output.inputs))
  .filter(
    ([input, v]) => v.bytesInOutput > 0 && /node_modules\/(commander|zod|@clack)\//.test(input),
  )
  .map(([input]) => input);
if (heavy.length) {
  console.error(`dist/hook.js bundles CLI-only dependencies:\n  ${heavy.join('\n  ')}`);
  process.exit(1);
}
