// `baton search`'s entry (dist/search.cjs, loaded by bin/baton.js). A search is typed by a person
// and waited for, and on Node 20 (no compile cache) the full CLI's start — Node's ES module loader,
// commander, a dozen chunks compiled anew — cost more than the search itself. So this small
// CommonJS file reads the arguments (search-args.ts) and runs the command from one more
// CommonJS bundle, dist/search-main.cjs (search-main.ts): through Node's compile cache where it
// exists (Node ≥ 22.1), else through a V8 code cache of ours in Baton's home (the hook's, see
// src/cli/hook/code-cache.ts), saved after the first run. Arguments it does not read for sure
// (`--help`, an unknown option, a bad value) go to the full CLI, which answers as it always has.
// A search is short, so V8 is asked to optimise its hot loops later (v8-tiering.ts).
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
// Straight from the file, not the store's door: the door would load SQLite before it is needed.
import { resolveHome } from '../../store/paths.js';
import { requireWithCodeCache } from '../hook/code-cache.js';
import { parseSearchArgs } from './search-args.js';
import { searchTieringFlags } from './v8-tiering.js';
import type * as Operations from '../../operations/index.js';
import type * as SearchMain from './search-main.js';

type Main = typeof SearchMain;

function loadMain(): Main {
  const file = join(__dirname, 'search-main.cjs');
  const module = Module as { enableCompileCache?: () => unknown };
  if (module.enableCompileCache) {
    module.enableCompileCache();
    return createRequire(__filename)(file) as Main;
  }
  const loaded = requireWithCodeCache(file, join(resolveHome(process.env), 'cache'));
  if (!loaded.hit) process.once('beforeExit', () => loaded.save());
  return loaded.exports as Main;
}

const dist = (file: string) => pathToFileURL(join(__dirname, file)).href;

/** The full CLI, exactly as bin/baton.js starts it for any other command. */
function fullCli(): void {
  (Module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  import(dist('cli.js')).catch((error: unknown) => {
    process.stderr.write(
      `baton: cannot load dist/cli.js: ${(error as Error | undefined)?.stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  });
}

const args = parseSearchArgs(process.argv.slice(3));
if (args === null) {
  fullCli();
} else {
  for (const flag of searchTieringFlags(process.versions.v8)) setFlagsFromString(flag);
  void loadMain()
    .runSearchProcess(
      args.words,
      args.flags,
      () => import(dist('operations.js')) as Promise<typeof Operations>,
    )
    .then((code) => {
      process.exitCode = code;
    });
}
