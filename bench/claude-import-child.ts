// One import of the bench's Claude Code corpus in a process of its own, as `baton import` runs
// one: no earlier import in the same process has warmed its code or grown its heap (a second
// import in one process ran ~12% faster). Prints its time and what it imported, as JSON.
import { claudeCode, importHistoryPiped } from '../src/capture/index.js';
import { SqliteStore } from '../src/store/index.js';

const [thread, dbPath, configDir] = process.argv.slice(2) as ['main' | 'worker', string, string];
const files = claudeCode.transcripts.discover({ env: { CLAUDE_CONFIG_DIR: configDir }, cwd: '/' });
const store = SqliteStore.open({ path: dbPath });
const started = performance.now();
const summary = await importHistoryPiped(
  store,
  claudeCode,
  files,
  undefined,
  {},
  // The worker `baton import` runs (npm run bench builds dist/ first), not its TypeScript.
  { thread, workerUrl: new URL('../dist/tail-worker.js', import.meta.url) },
);
const secs = (performance.now() - started) / 1000;
store.database.pragma('wal_checkpoint(TRUNCATE)');
store.close();
process.stdout.write(
  JSON.stringify({ secs, imported: summary.imported, problems: summary.problems.length }),
);
