#!/usr/bin/env node
// Tiny launcher. CommonJS (bin/package.json says so): `baton hook …` runs on every tool call of an
// agent, and an ES module entry alone would cost it a few ms of Node's ESM loader. The hook starts
// in its own small bundle (dist/hook.cjs, no commander, no zod), which loads the rest only when
// an event needs it — and even a broken install must not fail the agent's hook. Everything else
// turns on Node's compile cache where it exists (Node ≥ 22.1) and loads the CLI. `baton mcp`, started
// by an agent with every session, starts in a small bundle of its own too (dist/mcp.cjs), and so
// does `baton search`, which a person waits for (dist/search.cjs; what it cannot read for sure,
// such as --help, it hands to the full CLI). `baton hook` with no agent, or `--help`, is the full
// CLI's too: it prints the help (an agent always names itself).
'use strict';

if (process.argv[2] === 'hook' && !['--help', '-h', undefined].includes(process.argv[3])) {
  try {
    require('../dist/hook.cjs');
  } catch (error) {
    process.stderr.write(`baton hook: cannot load dist/hook.cjs: ${error?.message ?? error}\n`);
    process.exitCode = 0;
  }
} else if (process.argv[2] === 'mcp' && loadsEntry('mcp.cjs')) {
  // `baton mcp`: dist/mcp.cjs answers the agent's first requests and loads the server after.
} else if (process.argv[2] === 'search' && loadsEntry('search.cjs')) {
  // `baton search`: dist/search.cjs runs the search without the full CLI.
} else {
  require('node:module').enableCompileCache?.();
  import('../dist/cli.js').catch((error) => {
    process.stderr.write(`baton: cannot load dist/cli.js: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  });
}

/** Starts a command's small entry; false when it is missing, so the full CLI serves instead. */
function loadsEntry(file) {
  try {
    require(`../dist/${file}`);
    return true;
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    return false;
  }
}
