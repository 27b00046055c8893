// Validation warnings: what a resuming agent must check before trusting the brief — the branch it
// is on, todos and decisions that name files which changed since, facts past their expiry, state
// that moved on since a checkpoint, and another session that may still be running.
import { basename } from 'node:path';
import type { Todo } from '../../core/index.js';
import { projectPath } from '../load/action-events.js';
import type { BriefData, ChangeReport } from './brief-types.js';
import { ago, clock, code, short, span } from './brief-text.js';

export interface Warning {
  code: string;
  message: string;
  tier: 1 | 2;
}

/** A session silent for less than this may still be running. */
const STILL_RUNNING_MS = 30 * 60_000;
const FILE_TOKEN =
  /(?:\.{0,2}\/)?(?:[\w@+-][\w.@+-]*\/)*[\w@+-][\w.@+-]*\.[A-Za-z][A-Za-z0-9]{0,7}\b/g;

/** Words in free text that look like file names or paths. */
const NOT_FILES = /^(e\.g|i\.e|a\.k\.a|n\.b|p\.s|vs|etc)$/i;

export function fileMentions(text: string, root: string | null): string[] {
  const found = (text.match(FILE_TOKEN) ?? []).filter((t) => !NOT_FILES.test(t));
  return [...new Set(found.map((t) => projectPath(t.replace(/^\.\//, ''), root)))];
}

/** Files that changed after the brief's reference point: committed since, or edited after. */
export function changedSince(changes: ChangeReport | null): string[] {
  if (!changes || changes.unavailable) return [];
  return [...new Set([...changes.committed.map((f) => f.path), ...changes.editedSince])];
}

/** The changed files a text or file list refers to (exact path, path suffix, or bare name). */
export function matchFiles(mentions: string[], changed: string[]): string[] {
  const hits = new Set<string>();
  for (const m of mentions) {
    for (const path of changed) {
      const exact = path === m || path.endsWith(`/${m}`);
      const byName = !m.includes('/') && basename(path) === m;
      if (exact || byName) hits.add(path);
    }
  }
  return [...hits].sort();
}

function todoWarnings(todos: Todo[], changed: string[], root: string | null): Warning[] {
  const open = todos.filter((t) => ['in_progress', 'blocked', 'pending'].includes(t.status));
  return open.flatMap((t) => {
    const hits = matchFiles(fileMentions(`${t.content} ${t.activeForm ?? ''}`, root), changed);
    if (hits.length === 0) return [];
    return [
      {
        code: 'todo-file-changed',
        tier: 1 as const,
        message: `Todo #${t.number} names ${hits.map(code).join(', ')}, which changed since — re-read before continuing it.`,
      },
    ];
  });
}

function decisionWarnings(data: BriefData, changed: string[]): Warning[] {
  const root = data.project?.root ?? null;
  return data.decisions
    .filter((d) => d.status === 'active')
    .flatMap((d) => {
      const mentions = [
        ...d.files.map((f) => projectPath(f, root)),
        ...fileMentions(d.decision, root),
      ];
      const hits = matchFiles(mentions, changed);
      if (hits.length === 0) return [];
      return [
        {
          code: 'decision-file-changed',
          tier: 2 as const,
          message: `Decision #${d.number} concerns ${hits.map(code).join(', ')}, which changed since — check it still holds.`,
        },
      ];
    });
}

function sessionWarnings(data: BriefData): Warning[] {
  const out: Warning[] = [];
  const s = data.session;
  if (s && data.endState === 'crashed') {
    // Said first at the top of the brief; repeated here, shortly, for readers of the list.
    out.push({
      code: 'session-crashed',
      tier: 2,
      message: `${s.handle} crashed: its last edits may be half-done.`,
    });
  }
  if (s && s.status === 'active' && data.now - s.lastActivityAt < STILL_RUNNING_MS) {
    out.push({
      code: 'session-active',
      tier: 1,
      message: `${s.handle} (${s.agent}) is still active, last seen ${ago(s.lastActivityAt, data.now)}: another agent may be working here now.`,
    });
  }
  const c = data.changes;
  if (c && !c.unavailable && c.base.branch && c.current.branch !== c.base.branch) {
    out.push({
      code: 'branch-switched',
      tier: 1,
      message: `You are on ${c.current.branch ? code(c.current.branch) : 'a detached HEAD'}, but the work was on ${code(c.base.branch)}.`,
    });
  }
  if (c && !c.unavailable && c.baseMissing) {
    out.push({
      code: 'head-missing',
      tier: 2,
      message: `Commit ${short(c.base.head)} the work was based on is not in this repository (history rewritten, or another clone).`,
    });
  }
  return out;
}

function factWarnings(data: BriefData): Warning[] {
  return data.facts
    .filter((f) => f.expiresAt !== null && f.expiresAt <= data.now)
    .map((f) => ({
      code: 'fact-expired',
      tier: 2 as const,
      message: `Fact ${code(f.key)} expired ${clock(f.expiresAt!)} (${ago(f.expiresAt!, data.now)}) and is left out — renew it or remove it.`,
    }));
}

function driftWarning(data: BriefData): Warning[] {
  const d = data.drift;
  if (!d || d.todos + d.decisions + d.facts === 0) return [];
  const parts = [
    d.todos && `${d.todos} todo(s)`,
    d.decisions && `${d.decisions} decision(s)`,
    d.facts && `${d.facts} fact(s)`,
  ].filter(Boolean);
  const age = data.checkpoint ? ` in the ${span(data.now - data.checkpoint.createdAt)} since` : '';
  return [
    {
      code: 'state-drift',
      tier: 2,
      message: `${parts.join(', ')} changed${age}; shown as they were at the checkpoint (\`baton checkpoint restore ${data.checkpoint?.handle ?? 'C'} --rollback\` returns to it).`,
    },
  ];
}

/** All warnings, most important first. */
export function computeWarnings(data: BriefData): Warning[] {
  const changed = changedSince(data.changes);
  const root = data.project?.root ?? null;
  const todos = data.focus ? [data.focus.todo] : data.todos;
  return [
    ...sessionWarnings(data),
    ...todoWarnings(todos, changed, root),
    ...decisionWarnings(data, changed),
    ...factWarnings(data),
    ...driftWarning(data),
  ];
}
