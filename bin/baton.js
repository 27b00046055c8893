#!/usr/bin/env node
// Tiny launcher: turn on Node's compile cache where it exists (Node ≥ 22.1), then load the bundle.
// `baton hook …` runs on every tool call of an agent, so it loads its own small bundle instead of
// the CLI (no commander, no zod) — and even a broken install must not fail the agent's hook.
import module from 'node:module';

module.enableCompileCache?.();
if (process.argv[2] === 'hook') {
  try {
    await import('../dist/hook.js');
  } catch (error) {
    process.stderr.write(`baton hook: cannot load dist/hook.js: ${error?.message ?? error}\n`);
    process.exitCode = 0;
  }
} else {
  await import('../dist/cli.js');
}
