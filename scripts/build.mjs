// Bundles the CLI into dist/ with esbuild: one file per entry, so `baton hook` loads only what the
// hot path needs. better-sqlite3 stays external (a native addon). The hook is its own build, one
// self-contained file: with code splitting, esbuild would share chunks with the CLI and drag zod
// into the hook's static imports.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const common = {
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'better-sqlite3-prebuilt'],
  // jsonc-parser's default (UMD) build requires its parts at run time; its ESM build bundles.
  mainFields: ['module', 'main'],
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
