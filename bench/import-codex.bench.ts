// Codex rollout import: the real fixture rollouts copied and re-id'd into a corpus of ~40 MB,
// imported into a fresh store, beside JSON.parse of the same records.
import { codex } from '../src/capture/index.js';
import { buildCodexCorpus } from './agent-corpus.js';
import { runAgentImport } from './agent-import.js';
import { BENCH_DIR } from './fixtures.js';
import type { Benchmark } from './harness.js';

const COPIES = 400;

const bench: Benchmark = {
  name: 'import-codex',
  run() {
    const fixtures = process.env.BATON_REAL_FIXTURES;
    if (!fixtures) throw new Error('set BATON_REAL_FIXTURES to the fixture folder');
    const corpus = buildCodexCorpus(fixtures, BENCH_DIR, COPIES);
    return Promise.resolve(runAgentImport(codex, corpus, BENCH_DIR, 'Codex rollouts'));
  },
};

export default bench;
