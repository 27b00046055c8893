// Gemini CLI chat import (JSONL stream and legacy JSON): the real fixture chats copied and
// re-id'd into a corpus of ~50 MB, imported into a fresh store, beside JSON.parse of the same
// records.
import { gemini } from '../src/capture/index.js';
import { buildGeminiCorpus } from './agent-corpus.js';
import { runAgentImport } from './agent-import.js';
import { BENCH_DIR } from './fixtures.js';
import type { Benchmark } from './harness.js';

const COPIES = 300;

const bench: Benchmark = {
  name: 'import-gemini',
  run() {
    const fixtures = process.env.BATON_REAL_FIXTURES;
    if (!fixtures) throw new Error('set BATON_REAL_FIXTURES to the fixture folder');
    const corpus = buildGeminiCorpus(fixtures, BENCH_DIR, COPIES);
    return Promise.resolve(runAgentImport(gemini, corpus, BENCH_DIR, 'Gemini CLI chats'));
  },
};

export default bench;
