// The end of a brief: what changed in the repository since, the warnings, the recommended next
// step and one line on how to get more.
import type { BriefData, BriefMode, ChangeReport, FileChange } from './brief-types.js';
import { ago, code, listWithMore, plural, short } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';
import type { Warning } from './warnings.js';

const fileList = (files: FileChange[], max = 10) =>
  listWithMore(
    files.slice(0, max).map((f) => `${code(f.path)} (${f.status})`),
    files.length,
  );

function changeItems(c: ChangeReport, now: number): BriefItem[] {
  const items: BriefItem[] = [];
  const add = (md: string, tier: 1 | 2 | 3, unit: string, slot: string, value: unknown) =>
    items.push({ md, tier, unit, slot, value });
  if (c.base.branch && c.current.branch !== c.base.branch) {
    add(
      `- Branch switched: ${code(c.base.branch)} → ${c.current.branch ? code(c.current.branch) : 'detached HEAD'}`,
      // The warnings say it at tier 1; here it is detail.
      2,
      'change line',
      'changes.branch',
      { from: c.base.branch, to: c.current.branch },
    );
  }
  if (c.baseMissing) {
    add(
      `- HEAD then, ${short(c.base.head)}, is not in this repository any more; HEAD is now ${short(c.current.head)}.`,
      2,
      'change line',
      'changes.head',
      { from: c.base.head, to: c.current.head, baseMissing: true },
    );
  } else if (c.commitCount > 0) {
    add(
      `- ${plural(c.commitCount, 'new commit')} since ${short(c.base.head)} (HEAD is now ${short(c.current.head)}):`,
      2,
      'change line',
      'changes.head',
      { from: c.base.head, to: c.current.head, commits: c.commitCount },
    );
    c.commits.forEach((k, i) =>
      items.push({
        md: `  - ${short(k.sha)} ${k.subject} — ${k.author}, ${ago(k.at, now)}`,
        tier: 3,
        unit: 'change line',
        slot: 'changes.commits[]',
        value: { ...k, at: new Date(k.at).toISOString() },
        weight: -i,
      }),
    );
  }
  if (c.committed.length)
    add(
      `- Committed since: ${fileList(c.committed)}`,
      2,
      'change line',
      'changes.committed',
      c.committed,
    );
  if (c.editedSince.length) {
    add(
      `- Edited after the session: ${listWithMore(c.editedSince.slice(0, 10).map(code), c.editedSince.length)}`,
      2,
      'change line',
      'changes.editedSince',
      c.editedSince,
    );
  }
  if (c.uncommitted.length)
    add(
      `- Uncommitted now: ${fileList(c.uncommitted)}`,
      2,
      'change line',
      'changes.uncommitted',
      c.uncommitted,
    );
  if (items.length === 0) {
    add(
      `- Nothing: same branch, HEAD still ${short(c.current.head)}, no uncommitted changes.`,
      2,
      'change line',
      'changes.none',
      true,
    );
  }
  return items;
}

export function changesSection(data: BriefData): BriefSection {
  const c = data.changes;
  const since = data.checkpoint ? 'the checkpoint' : 'the session';
  const items: BriefItem[] = !c
    ? []
    : c.unavailable
      ? [
          {
            md: `- Not checked: ${c.unavailable}.`,
            tier: 2,
            unit: 'change line',
            slot: 'changes.unavailable',
            value: c.unavailable,
          },
        ]
      : changeItems(c, data.now);
  return { id: 'changes', heading: `Changed since ${since}`, rank: 9, items };
}

export function warningsSection(warnings: Warning[]): BriefSection {
  const items = warnings.map((w): BriefItem => ({
    md: `- ${w.message}`,
    tier: w.tier,
    unit: 'warning',
    slot: 'warnings[]',
    value: { code: w.code, message: w.message },
  }));
  return { id: 'warnings', heading: 'Check before you continue', rank: 10, items };
}

export function nextSection(step: string): BriefSection {
  return {
    id: 'next',
    heading: 'Next step',
    rank: 11,
    items: [{ md: step, tier: 1, unit: 'next step', slot: 'next', value: step }],
  };
}

export function moreSection(data: BriefData, mode?: BriefMode): BriefSection {
  const session = data.session ? ` · \`baton session show ${data.session.handle}\`` : '';
  // The full brief is already what `--mode full` gives: a larger budget is the way to more.
  const fuller =
    mode === 'full' ? 'a larger `--budget` (e.g. 40000)' : '`baton resume --mode full`';
  const md = `More: ${fuller}${session} · \`baton todo list --all\` · \`baton checkpoint list\` · \`baton search QUERY\` · MCP tools \`resume_brief\`, \`search\`, \`todo_list\`.`;
  return {
    id: 'more',
    heading: null,
    rank: 12,
    items: [{ md, tier: 2, unit: 'help line', slot: 'more', value: md }],
  };
}
