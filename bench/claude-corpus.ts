// A large Claude Code history for the import benchmark, built from the real fixture transcripts
// (BATON_REAL_FIXTURES) by copying them `copies` times with every id rewritten (session ids,
// record uuids, message ids, tool_use ids), so each copy is a distinct set of sessions laid out
// as under ~/.claude/projects. Written to .baton-bench/ (gitignored) and reused when present.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const PREFIXED_ID = /\b(toolu_|msg_|req_)([A-Za-z0-9]+)/g;
const AGENT_ID = /("agentId":"|agent-)([0-9a-f]{7,17})\b/g;

export interface Corpus {
  /** Folder standing in for ~/.claude. */
  configDir: string;
  files: string[];
  bytes: number;
  lines: number;
}

function listJsonl(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listJsonl(p, out);
    else if (e.name.endsWith('.jsonl') || e.name.endsWith('.meta.json')) out.push(p);
  }
  return out;
}

/** Rewrites every id in a text for copy `n`, deterministically and without collisions. */
export function reId(text: string, n: number): string {
  const tag = n.toString(16).padStart(8, '0');
  return text
    .replace(UUID, (u) => tag + u.slice(8))
    .replace(PREFIXED_ID, (_m, p: string, id: string) => `${p}${id}x${n}`)
    .replace(AGENT_ID, (_m, p: string, id: string) => `${p}${id}x${n}`);
}

export function buildClaudeCorpus(fixtures: string, outDir: string, copies: number): Corpus {
  const source = join(fixtures, 'claude-code', 'projects');
  const configDir = join(outDir, `claude-x${copies}`);
  const marker = join(configDir, 'complete');
  const inputs = listJsonl(source);
  if (!existsSync(marker)) {
    rmSync(configDir, { recursive: true, force: true });
    for (let n = 0; n < copies; n++) {
      for (const file of inputs) {
        const rel = reId(relative(source, file), n);
        const target = join(configDir, 'projects', rel);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, reId(readFileSync(file, 'utf8'), n));
      }
    }
    writeFileSync(marker, '');
  }
  const files = listJsonl(join(configDir, 'projects')).filter((f) => f.endsWith('.jsonl'));
  let bytes = 0;
  let lines = 0;
  for (const f of files) {
    bytes += statSync(f).size;
    const text = readFileSync(f, 'utf8');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  }
  return { configDir, files, bytes, lines };
}

export const corpusName = (copies: number) => basename(`claude-x${copies}`);
