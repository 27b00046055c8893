// The shared body of the Codex and Gemini CLI import benchmarks: a fresh store, every corpus file
// imported in store transactions of about 16 MB (as `baton import` groups them), beside the
// baseline of reading the same files and JSON.parse-ing every record.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureAdapter } from '../src/capture/index.js';
import { SqliteStore } from '../src/store/index.js';
import type { AgentCorpus } from './agent-corpus.js';
import type { Figure } from './harness.js';

const GROUP_BYTES = 16 * 1024 * 1024;

function parseOnly(files: string[]): { secs: number; records: number } {
  const started = performance.now();
  let records = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.json')) {
      JSON.parse(text);
      records += 1;
      continue;
    }
    for (const line of text.split('\n')) {
      if (line) {
        JSON.parse(line);
        records += 1;
      }
    }
  }
  return { secs: (performance.now() - started) / 1000, records };
}

export function runAgentImport(
  adapter: CaptureAdapter,
  corpus: AgentCorpus,
  dir: string,
  label: string,
): Figure[] {
  const baseline = parseOnly(corpus.files);
  const dbPath = join(dir, `import-${adapter.agent}.db`);
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  const store = SqliteStore.open({ path: dbPath });
  const started = performance.now();
  let events = 0;
  let group: string[] = [];
  let groupBytes = 0;
  const flush = () => {
    store.transaction(() => {
      for (const path of group)
        events += adapter.transcripts.importFile(store, { path, role: 'session' }).imported;
    });
    group = [];
    groupBytes = 0;
  };
  for (const path of corpus.files) {
    group.push(path);
    groupBytes += readFileSync(path).length;
    if (groupBytes >= GROUP_BYTES) flush();
  }
  flush();
  const secs = (performance.now() - started) / 1000;
  store.close();
  const mb = corpus.bytes / 1e6;
  return [
    {
      metric: `${label}: ${corpus.files.length.toLocaleString('en-US')} files, ${events.toLocaleString('en-US')} events (redaction + FTS)`,
      value: events / secs,
      unit: 'events/s',
      baseline: `JSON.parse of the same records (${baseline.records.toLocaleString('en-US')})`,
      baselineValue: baseline.records / baseline.secs,
      baselineUnit: 'records/s',
      target: '≥ 50,000 events/s (docs/performance.md, stated for Claude Code JSONL)',
      met: events / secs >= 50_000,
    },
    {
      metric: `${label}: throughput in bytes`,
      value: mb / secs,
      unit: 'MB/s',
      baseline: 'read + JSON.parse of the same bytes',
      baselineValue: mb / baseline.secs,
      baselineUnit: 'MB/s',
      target: '≥ 50 MB/s (docs/performance.md, stated for Claude Code JSONL)',
      met: mb / secs >= 50,
    },
  ];
}
