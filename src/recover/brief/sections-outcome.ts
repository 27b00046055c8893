// Where things stand and what is still open: the first thing a resuming agent reads. The outcome
// comes from the session's own record — the last request and the agent's last answer, commits,
// pushes and the last test run — and the open part lists only failures no later run fixed, each
// with the command that failed.
import type { ActionEvent, BriefData, BriefMode } from './brief-types.js';
import { code, hhmm, iso, quote, stamp } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';
import { actionValue } from './sections-work.js';

const COMMIT = /\bgit\b[^|;&]*\bcommit\b/;
const PUSH = /\bgit\b[^|;&]*\bpush\b/;
const TEST_RUN =
  /(^|&&|;|\|)\s*(uv run |poetry run |python3? -m )?(pytest|vitest|jest|npx vitest|npx jest|npm (run )?test|npm t|yarn test|pnpm test|mix test|cargo test|go test|make test|bun test|deno test)\b/;

const ok = (a: ActionEvent) => a.command !== null && !a.failed;

/** The commit message of a `git commit -m "…"`, else the command. */
function commitText(command: string): string {
  const m = /-m\s+(["'])(.*?)\1/.exec(command);
  return m ? quote(m[2]!, 100) : code(command);
}

/** `chars`: how much of the last request and answer to quote (full mode: most of them). */
function outcomeItems(data: BriefData, chars: number): BriefItem[] {
  const now = data.now;
  const r = data.recent;
  const items: BriefItem[] = [];
  const add = (md: string, tier: 1 | 2, slot: string, value: unknown) =>
    items.push({ md, tier, unit: 'outcome line', slot, value });
  const commits = r.actions.filter((a) => ok(a) && COMMIT.test(a.command!));
  const last = commits[commits.length - 1];
  if (last) {
    const more = commits.length > 1 ? ` (${commits.length} commits, last)` : '';
    add(
      `- Committed${more} ${stamp(last.ts, now)}: ${commitText(last.command!)}`,
      1,
      'outcome.commits',
      commits.map((c) => c.command),
    );
  }
  const push = r.actions.filter((a) => ok(a) && PUSH.test(a.command!)).pop();
  if (push)
    add(`- Pushed ${stamp(push.ts, now)}: ${code(push.command!)}`, 1, 'outcome.push', push.command);
  const test = r.actions.filter((a) => a.command && TEST_RUN.test(a.command)).pop();
  if (test) {
    const verdict = test.failed ? 'failed' : 'passed';
    add(
      `- Last test run: ${code(test.command!)} ${verdict} (${hhmm(test.ts)})`,
      1,
      'outcome.test',
      { command: test.command, failed: test.failed, ts: iso(test.ts) },
    );
  }
  const prompt = r.prompts[r.prompts.length - 1];
  if (prompt)
    add(
      `- Last request, ${stamp(prompt.ts, now)}: ${quote(prompt.text, chars)}`,
      1,
      'actions.prompts[]',
      { ts: iso(prompt.ts), text: prompt.text },
    );
  if (r.assistant && (!prompt || r.assistant.ts >= prompt.ts))
    add(
      `- Agent's last message, ${stamp(r.assistant.ts, now)}: ${quote(r.assistant.text, chars)}`,
      2,
      'actions.assistant',
      { ts: iso(r.assistant.ts), text: r.assistant.text },
    );
  else if (prompt)
    add('- The agent did not answer the last request.', 1, 'outcome.unanswered', true);
  return items;
}

/** The agent's own account of the work (what was asked, done, planned), kept at a compaction. */
function summaryItem(data: BriefData, mode: BriefMode): BriefItem[] {
  const s = data.recent.summary;
  if (!s?.text) return [];
  const chars = mode === 'full' ? 2000 : 600;
  return [
    {
      md: `- The agent's summary at its last compaction, ${stamp(s.ts, data.now)}: ${quote(s.text, chars)}`,
      tier: 2,
      unit: 'outcome line',
      slot: 'outcome.summary',
      value: { ts: iso(s.ts), text: s.text },
    },
  ];
}

export function outcomeSection(data: BriefData, mode: BriefMode = 'quick'): BriefSection {
  const chars = mode === 'full' ? 1500 : 400;
  const items = [...outcomeItems(data, chars), ...summaryItem(data, mode)];
  return { id: 'outcome', heading: 'Where things stand', rank: 2, items };
}

/** Full mode: every request of the recent sessions before the last, which the outcome shows. */
export function requestsSection(data: BriefData): BriefSection {
  const earlier = data.recent.prompts.slice(0, -1);
  const items = earlier.map((p, i): BriefItem => ({
    md: `- ${stamp(p.ts, data.now)}: ${quote(p.text, 240)}`,
    tier: 3,
    unit: 'request',
    slot: 'actions.prompts[]',
    value: { ts: iso(p.ts), text: p.text },
    weight: i,
  }));
  return { id: 'requests', heading: 'Earlier requests', rank: 4, items };
}

/** Failures no later run fixed, one per command, newest first. */
export function openFailures(data: BriefData): ActionEvent[] {
  const seen = new Set<string>();
  const all = [...data.recent.errors, ...data.recent.actions.filter((a) => a.failed)];
  return all
    .filter((e) => !e.fixedAt)
    .sort((a, b) => b.ts - a.ts)
    .filter((e) => {
      const key = e.command ?? `${e.tool ?? ''}:${(e.output ?? e.text).slice(0, 60)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function failureLine(e: ActionEvent, now: number): string {
  const what = e.command ? code(e.command) : (e.tool ?? 'error');
  const said = e.output ?? e.text;
  const tool = e.command && e.tool ? ` (${e.tool})` : '';
  // Claude Code's words when the person turned the call down: a choice, not a fault to debug.
  const declined = /^The user doesn't want to (proceed|take this action)/.test(said);
  const text = declined
    ? ' — declined by the user'
    : said && said !== e.command
      ? `: ${quote(said, 200)}`
      : '';
  return `- Failed${tool} ${stamp(e.ts, now)}: ${what}${text}`;
}

export function openSection(data: BriefData): BriefSection {
  const items: BriefItem[] = openFailures(data)
    .slice(0, 6)
    .map((e, i) => ({
      md: failureLine(e, data.now),
      tier: i < 3 ? 1 : 2,
      unit: 'open failure',
      slot: 'actions.errors[]',
      value: { ...actionValue(e), text: e.output ?? e.text },
    }));
  return { id: 'open', heading: 'Still failing', rank: 3, items };
}
