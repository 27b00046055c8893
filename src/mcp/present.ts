// Text for the model to read: one line per record, times in UTC to the minute, long texts cut,
// and a closing sentence that says how to get more.
import type {
  Checkpoint,
  ComponentState,
  ContextFact,
  Decision,
  Session,
  Todo,
} from '../core/index.js';
import { TODO_STATUS_MARKS } from '../core/index.js';
import type { EventItem, Page } from './shapes.js';

export function minute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

export function oneLine(text: string | null, max = 120): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

const MARK = TODO_STATUS_MARKS;

export function todoLine(t: Todo): string {
  const extras = [t.priority, t.component].filter(Boolean).join(', ');
  const blocked =
    t.status === 'blocked' && t.blockedReason ? ` — blocked: ${oneLine(t.blockedReason, 80)}` : '';
  return `${MARK[t.status]} #${t.number} ${oneLine(t.content)}${extras ? ` (${extras})` : ''}${blocked}`;
}

export function decisionLine(d: Decision): string {
  const why = d.reasoning ? ` — why: ${oneLine(d.reasoning, 100)}` : '';
  return `#${d.number} [${d.status}] ${oneLine(d.decision)}${why}`;
}

export function factLine(f: ContextFact, now: number): string {
  const scope = f.projectId === null ? 'global' : 'project';
  const expired = f.expiresAt !== null && f.expiresAt <= now ? ', expired' : '';
  return `${f.key} = ${oneLine(JSON.stringify(f.value), 100)} (${f.priority}, ${scope}${expired})`;
}

export function componentLine(c: ComponentState): string {
  return `${c.name}: ${c.status}${c.health === null ? '' : ` ${c.health}%`} (checked ${minute(c.lastChecked)})`;
}

export function sessionLine(s: Session): string {
  const title = s.title ? ` "${oneLine(s.title, 60)}"` : '';
  return `${s.handle} ${s.agent} ${s.status}${title} · ${s.eventCount} events · last activity ${minute(s.lastActivityAt)}`;
}

export function eventLine(e: EventItem): string {
  const what = e.tool ? `${e.kind} ${e.tool}` : e.kind;
  const more = e.textOmitted > 0 ? ` […${e.textOmitted} more chars]` : '';
  return `@${e.seq} ${e.ts.slice(0, 19).replace('T', ' ')}Z ${what}: ${(e.text ?? '').replace(/\s+/g, ' ').trim()}${more}`;
}

export function checkpointLine(c: Checkpoint): string {
  const label = c.label ? ` "${oneLine(c.label, 60)}"` : '';
  return `${c.handle}${label} · ${c.trigger} · ${minute(c.createdAt)} · ${c.size} bytes`;
}

/** "3 shown. More: call todo_list with offset 20." — or nothing to add when the page is the last. */
export function pageSentence(
  tool: string,
  page: Page,
  extra: Record<string, unknown> = {},
): string {
  if (!page.more) return '';
  const args = { ...extra, offset: page.nextOffset };
  return `More: call ${tool} with ${JSON.stringify(args)}.`;
}

export function lines(...parts: (string | string[] | false | null | undefined)[]): string {
  return parts
    .flat()
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join('\n');
}
