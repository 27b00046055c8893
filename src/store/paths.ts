// Where the store lives: $BATON_HOME, else the platform's data folder (env-paths).
// Besides index.ts, this file is the store's one second door, for the hook's hot path and
// `baton search`'s small entry alone (src/cli/hook/, src/cli/search-entry/, see eslint.config.js):
// they must find $BATON_HOME without loading the driver, so keep its imports to node:path and
// env-paths.
import { join } from 'node:path';
import envPaths from 'env-paths';

export function resolveHome(env: NodeJS.ProcessEnv): string {
  const home = env.BATON_HOME;
  if (home && home.trim()) return home;
  return envPaths('baton', { suffix: '' }).data;
}

export function storePath(home: string): string {
  return join(home, 'baton.db');
}

/** Where `baton backup` writes when no path is given. */
export function backupDir(home: string): string {
  return join(home, 'backups');
}
