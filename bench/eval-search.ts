// `npm run eval:search`: how often search finds the turn that answers a question a person would
// ask of a long multi-session history. Imports the LoCoMo dev set (Events JSONL v1, read from
// $BATON_EVAL_LOCOMO, by default the folder CI keeps beside the checkout) into a temporary
// store with the events import the CLI uses, runs every question through `search()` exactly as
// `baton search --json --limit 10 --project <project> "<question>"` calls it, and prints turn
// recall@10, session recall@5 and rejected queries beside a plain BM25 over turns (eval-baseline.ts)
// computed in the same run. `--misses` also lists the questions whose answer was not found.
// With BATON_EVAL_EMBEDDINGS_ENDPOINT and BATON_EVAL_EMBEDDINGS_MODEL set (an OpenAI-compatible
// embeddings API; key from the variable BATON_EVAL_EMBEDDINGS_KEY_ENV names, if any), the turns are
// embedded first and every question also runs with semantic search fused in, as a third row.
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importEvents } from '../src/capture/index.js';
import { BatonError } from '../src/core/index.js';
import { eventLineV1 } from '../src/schemas/index.js';
import { search } from '../src/search/index.js';
import type { QueryVector } from '../src/search/index.js';
import { SqliteStore } from '../src/store/index.js';
import { baselineIndex, baselineSearch } from './eval-baseline.js';
import type { BaselineIndex } from './eval-baseline.js';

interface Question {
  project: string;
  question: string;
  evidence: string[];
  category: number;
}

interface Outcome {
  refs: string[];
  rejected: string | null;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.BATON_EVAL_LOCOMO ?? '../shared/eval/locomo-dev');
const showMisses = process.argv.includes('--misses');
const LIMIT = 10;

const readLines = <T>(file: string): T[] =>
  readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

/** LoCoMo's dialogue ids name their session: `D3:7` is turn 7 of session 3. */
const sessionOf = (ref: string) => ref.split(':')[0]!;

function turnHit(refs: string[], evidence: string[]): boolean {
  return refs.slice(0, LIMIT).some((r) => evidence.includes(r));
}

function sessionHit(refs: string[], evidence: string[]): boolean {
  const sessions = [...new Set(refs.slice(0, LIMIT).map(sessionOf))].slice(0, 5);
  return evidence.some((e) => sessions.includes(sessionOf(e)));
}

function batonOutcome(store: SqliteStore, q: Question, semantic?: QueryVector): Outcome {
  const project = store.projects.get(q.project);
  if (!project) throw new Error(`the dev set names an unknown project ${q.project}`);
  try {
    const { hits } = search(store, {
      query: q.question,
      projectId: project.id,
      limit: LIMIT,
      semantic,
    });
    return { refs: hits.map((h) => h.event?.ref ?? ''), rejected: null };
  } catch (error) {
    if (error instanceof BatonError) return { refs: [], rejected: error.message };
    throw error;
  }
}

function baselines(): Map<string, BaselineIndex> {
  const byProject = new Map<string, { ref: string; text: string }[]>();
  for (const e of readLines<{ project: string; ref: string; text: string }>('events.jsonl')) {
    const docs = byProject.get(e.project) ?? [];
    docs.push({ ref: e.ref, text: e.text });
    byProject.set(e.project, docs);
  }
  return new Map([...byProject].map(([p, docs]) => [p, baselineIndex(docs)]));
}

interface Tally {
  turn: number;
  session: number;
  rejected: number;
}

const pct = (n: number, of: number) => (n / of).toFixed(3);

function report(name: string, t: Tally, of: number): string {
  return `| ${name} | ${pct(t.turn, of)} | ${pct(t.session, of)} | ${t.rejected} of ${of} |`;
}

async function main(): Promise<void> {
  const questions = readLines<Question>('questions.jsonl');
  const dir = mkdtempSync(join(tmpdir(), 'baton-eval-'));
  const store = SqliteStore.open({ path: join(dir, 'baton.db') });
  try {
    const imported = await importEvents(store, createReadStream(join(dataDir, 'events.jsonl')), {
      schema: eventLineV1,
    });
    if (imported.malformed.length) throw new Error(`${imported.malformed.length} malformed lines`);
    const base = baselines();
    const ours: Tally = { turn: 0, session: 0, rejected: 0 };
    const plain: Tally = { turn: 0, session: 0, rejected: 0 };
    const started = performance.now();
    const misses: string[] = [];
    for (const q of questions) {
      const o = batonOutcome(store, q);
      if (o.rejected !== null) {
        ours.rejected += 1;
        misses.push(`REJECTED ${q.question} (${o.rejected})`);
      }
      if (turnHit(o.refs, q.evidence)) ours.turn += 1;
      else if (o.rejected === null)
        misses.push(`[${q.category}] ${q.question} want ${q.evidence.join(',')}`);
      if (sessionHit(o.refs, q.evidence)) ours.session += 1;
      else if (o.rejected === null)
        misses.push(
          `SESSION [${q.category}] ${q.question} want ${q.evidence.join(',')} got ${o.refs.join(',')}`,
        );
      const b = baselineSearch(base.get(q.project)!, q.question, LIMIT);
      if (turnHit(b, q.evidence)) plain.turn += 1;
      if (sessionHit(b, q.evidence)) plain.session += 1;
    }
    const ms = (performance.now() - started) / questions.length;
    const fused = await semanticTally(store, questions);
    const n = questions.length;
    const lines = [
      `LoCoMo dev set: ${imported.imported} events, ${n} questions (${dataDir})`,
      '',
      '| ranker | turn recall@10 | session recall@5 | queries rejected |',
      '|---|---|---|---|',
      report('baton search', ours, n),
      ...(fused ? [report('baton search + semantic (RRF)', fused, n)] : []),
      report('plain BM25 over turns (same run)', plain, n),
      '',
      `mean time per question, both rankers: ${ms.toFixed(1)} ms`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (showMisses) process.stdout.write('\n' + misses.join('\n') + '\n');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The questions again with semantic search fused in, when an endpoint is configured. */
async function semanticTally(store: SqliteStore, questions: Question[]): Promise<Tally | null> {
  const endpoint = process.env.BATON_EVAL_EMBEDDINGS_ENDPOINT;
  const model = process.env.BATON_EVAL_EMBEDDINGS_MODEL;
  if (!endpoint || !model) return null;
  const { indexEmbeddings, queryVector } = await import('../src/search/semantic.js');
  const config = { endpoint, model, apiKeyEnv: process.env.BATON_EVAL_EMBEDDINGS_KEY_ENV ?? null };
  await indexEmbeddings(store, config, process.env);
  const t: Tally = { turn: 0, session: 0, rejected: 0 };
  for (const q of questions) {
    const o = batonOutcome(store, q, await queryVector(store, config, q.question, process.env));
    if (o.rejected !== null) t.rejected += 1;
    if (turnHit(o.refs, q.evidence)) t.turn += 1;
    if (sessionHit(o.refs, q.evidence)) t.session += 1;
  }
  return t;
}

await main();
