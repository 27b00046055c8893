// Bundles the CLI into dist/ with esbuild: one file per entry, so `baton hook` loads only what the
// hot path needs. better-sqlite3 stays external (a native addon).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
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
});
