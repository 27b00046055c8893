// Scores one brief against the facts read independently from its transcript: which facts it
// carries (recall) and which of its lines are noise (wrapper text, repeats, a fixed failure shown
// as open).
import { basename } from 'node:path';
import type { SessionFacts } from './brief-facts.js';

export interface Check {
  fact: string;
  ok: boolean;
}

const norm = (s: string) =>
  s
    .replace(/[`"'“”‘’]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
const head = (s: string, n: number) => norm(s).slice(0, n).replace(/…$/, '');

const FAIL = /fail|error|exit [1-9]/i;
const FIXED = /fixed|passed|resolved|succeeded|now passes/i;

export function recallChecks(f: SessionFacts, brief: string): Check[] {
  const text = norm(brief);
  const lines = brief.split('\n').map(norm);
  const onLine = (needle: string, re: RegExp) =>
    lines.some((l) => l.includes(needle) && re.test(l));
  const checks: Check[] = [];
  for (const t of f.openTodos)
    checks.push({ fact: `open todo "${t}"`, ok: text.includes(head(t, 50)) });
  if (f.lastRequest)
    checks.push({
      fact: `last request "${head(f.lastRequest, 60)}"`,
      ok: text.includes(head(f.lastRequest, 60)),
    });
  for (const file of f.lastFiles)
    checks.push({ fact: `edited ${basename(file)}`, ok: text.includes(norm(basename(file))) });
  for (const c of f.unresolved)
    checks.push({ fact: `open failure \`${head(c, 40)}\``, ok: onLine(head(c, 40), FAIL) });
  if (f.commits) checks.push({ fact: `${f.commits} commit(s)`, ok: /\bcommit/.test(text) });
  if (f.pushes) checks.push({ fact: `${f.pushes} push(es)`, ok: /\bpush/.test(text) });
  if (f.lastTest) {
    const re = f.lastTest.ok ? /pass|succeeded|\bok\b/ : FAIL;
    checks.push({
      fact: `last test \`${head(f.lastTest.command, 30)}\` ${f.lastTest.ok ? 'passed' : 'failed'}`,
      ok: onLine(head(f.lastTest.command, 30), re),
    });
  }
  return checks;
}

const WRAPPER_TEXT =
  /<(task-notification|command-name|command-message|command-args|local-command-stdout|local-command-stderr|system-reminder|hook_context|environment_context|user_instructions)>|Caveat: The messages below|# Context from my IDE setup|AGENTS\.md instructions/;

/** The line without what legitimately differs between two mentions of one fact. */
const key = (l: string) =>
  norm(l)
    .replace(/^- /, '')
    .replace(/\d\d-\d\d \d\d:\d\d|\d\d:\d\d/g, '')
    .trim();

export function noiseLines(brief: string, f: SessionFacts): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of brief.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (WRAPPER_TEXT.test(line)) out.push(`wrapper text: ${line.slice(0, 100)}`);
    const k = key(line);
    if (k.length > 8 && seen.has(k)) out.push(`repeated: ${line.slice(0, 100)}`);
    seen.add(k);
    const n = norm(line);
    for (const c of f.resolved)
      if (n.includes(head(c, 40)) && FAIL.test(n) && !FIXED.test(n))
        out.push(`fixed failure shown as open: ${line.slice(0, 100)}`);
  }
  return out;
}
