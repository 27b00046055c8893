// Large Codex and Gemini CLI histories for the import benchmarks, built from the real fixture
// transcripts (BATON_REAL_FIXTURES) by copying them `copies` times with every id rewritten (thread
// and session ids, call ids, tool-call ids), laid out as under ~/.codex and ~/.gemini. Written to
// .baton-bench/ (gitignored) and reused when present.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { reId } from './claude-corpus.js';

export interface AgentCorpus {
  home: string;
  files: string[];
  bytes: number;
}

// Codex call ids (`call_…`) and Gemini tool-call ids (8 characters in `"id":"…"` of toolCalls).
const CALL_ID = /\bcall_([A-Za-z0-9]+)/g;
const GEMINI_TOOL_ID = /("id": ?")([a-z0-9]{8})(")/g;

function listFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (/\.jsonl?$/.test(e.name)) out.push(p);
  }
  return out;
}

function rewrite(text: string, n: number): string {
  return reId(text, n)
    .replace(CALL_ID, (_m, id: string) => `call_${id}x${n}`)
    .replace(GEMINI_TOOL_ID, (_m, a: string, id: string, b: string) => `${a}${id}x${n}${b}`);
}

/**
 * @param agent `codex` (from codex/sessions) or `gemini` (from gemini/tmp)
 * @param place where copy `n` of a file goes, relative to the corpus home
 */
function build(
  fixtures: string,
  outDir: string,
  agent: 'codex' | 'gemini',
  copies: number,
  place: (rel: string, n: number) => string,
): AgentCorpus {
  const source = join(fixtures, agent, agent === 'codex' ? 'sessions' : 'tmp');
  const home = join(outDir, `${agent}-x${copies}`);
  const marker = join(home, 'complete');
  if (!existsSync(marker)) {
    rmSync(home, { recursive: true, force: true });
    const inputs = listFiles(source);
    for (let n = 0; n < copies; n++) {
      for (const file of inputs) {
        const target = join(home, place(relative(source, file), n));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, rewrite(readFileSync(file, 'utf8'), n));
      }
    }
    writeFileSync(marker, '');
  }
  const files = listFiles(home);
  return { home, files, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) };
}

export const buildCodexCorpus = (fixtures: string, outDir: string, copies: number) =>
  build(fixtures, outDir, 'codex', copies, (rel, n) => join('sessions', reId(rel, n)));

/** Each copy gets its own project folder, since chat file names keep only 8 characters of the id. */
export const buildGeminiCorpus = (fixtures: string, outDir: string, copies: number) =>
  build(fixtures, outDir, 'gemini', copies, (rel, n) => {
    const [project, ...rest] = rel.split('/');
    return join('tmp', `${project!.slice(0, 16)}-${n}`, ...rest);
  });
