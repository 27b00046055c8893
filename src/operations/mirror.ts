// The git-native mirror (`baton mirror enable`): a human-readable `.baton/STATE.md` in a project —
// its open todos, active decisions and context facts — rewritten whenever they change, so the plan
// can be committed with the code. Off by default, per project. The text holds no times, so a file
// only changes when the state does and a commit shows exactly what moved.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatonError, TODO_STATUS_MARKS } from '../core/index.js';
import type { Project } from '../core/index.js';
import type { Store } from '../store/index.js';

const SETTING = 'mirror.projects';
export const MIRROR_FILE = join('.baton', 'STATE.md');

const enabledIds = (store: Store) => (store.getSetting(SETTING) as string[] | undefined) ?? [];

/** The mirror's text for a project, built purely from its records. */
export function renderMirror(store: Store, project: Project, now: number): string {
  const todos = store.todos.list({
    projectId: project.id,
    statuses: ['in_progress', 'pending', 'blocked'],
  });
  const decisions = store.decisions.list({ projectId: project.id, statuses: ['active'] });
  const facts = store.facts.list({ projectId: project.id, now });
  const lines = [
    `# ${project.name}: state`,
    '',
    '<!-- Written by Baton from its memory; edits here are overwritten (`baton mirror disable` stops it). -->',
    '',
    '## Open todos',
    '',
    ...(todos.length ? todos : []).map((t) => {
      const why = t.status === 'blocked' && t.blockedReason ? ` (blocked: ${t.blockedReason})` : '';
      return `- ${TODO_STATUS_MARKS[t.status]} ${t.content}${why}`;
    }),
    ...(todos.length ? [] : ['_none_']),
    '',
    '## Decisions',
    '',
    ...decisions.map((d) => `- ${d.decision}${d.reasoning ? ` — ${d.reasoning}` : ''}`),
    ...(decisions.length ? [] : ['_none_']),
    '',
    '## Context',
    '',
    ...facts.map(
      (f) => `- **${f.key}**: ${typeof f.value === 'string' ? f.value : JSON.stringify(f.value)}`,
    ),
    ...(facts.length ? [] : ['_none_']),
    '',
  ];
  return lines.join('\n');
}

function writeIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
  return true;
}

export function enableMirror(store: Store, project: Project, now: number): { path: string } {
  if (!project.root) {
    throw new BatonError('USAGE', `project ${project.name} has no folder on this machine`);
  }
  store.setSetting(SETTING, [...new Set([...enabledIds(store), project.id])]);
  store.audit('mirror-enable', project.id);
  const path = join(project.root, MIRROR_FILE);
  writeIfChanged(path, renderMirror(store, project, now));
  return { path };
}

export function disableMirror(store: Store, project: Project): { wasOn: boolean } {
  const ids = enabledIds(store);
  store.setSetting(
    SETTING,
    ids.filter((id) => id !== project.id),
  );
  store.audit('mirror-disable', project.id);
  return { wasOn: ids.includes(project.id) };
}

export function mirrorEnabled(store: Store, project: Project): boolean {
  return enabledIds(store).includes(project.id);
}

/** Rewrites every enabled project's mirror whose state changed; returns the files written. */
export function refreshMirrors(store: Store, now: number): string[] {
  const written: string[] = [];
  for (const id of enabledIds(store)) {
    const project = store.projects.get(id);
    if (!project?.root || !existsSync(project.root)) continue;
    const path = join(project.root, MIRROR_FILE);
    if (writeIfChanged(path, renderMirror(store, project, now))) written.push(path);
  }
  return written;
}
