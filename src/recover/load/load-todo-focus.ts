// Everything about one task for `baton resume --todo N`: the events that mention it (found through
// the full-text index by its wording, or by "todo N"), the sessions they belong to, the files
// involved, its latest checkpoint and the open todos after it.
import { BatonError } from '../../core/index.js';
import type { Todo } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { toActionEvent } from './action-events.js';
import type { ActionEvent, TodoFocus } from '../brief/brief-types.js';
import { loadSnapshot } from '../checkpoints/checkpoints.js';
import { pendingOrder } from '../brief/next-step.js';
import { fileMentions } from '../brief/warnings.js';

const EVENTS = 20;
const CHECKPOINTS_SEARCHED = 20;

/** An FTS5 query for the todo's wording as a phrase, or its number. */
export function mentionQuery(todo: Todo): string {
  const words = todo.content.match(/[\p{L}\p{N}]+/gu) ?? [];
  const phrase = words.slice(0, 12).join(' ');
  const byNumber = `"todo ${todo.number}"`;
  return phrase ? `"${phrase}" OR ${byNumber}` : byNumber;
}

function mentioningEvents(store: Store, todo: Todo, root: string | null) {
  let rows: ReturnType<Store['activity']['projectMentions']> = [];
  try {
    rows = store.activity.projectMentions(todo.projectId, mentionQuery(todo), {
      limit: EVENTS,
      textCap: 2000,
    });
  } catch {
    rows = []; // a wording FTS5 cannot parse finds nothing rather than failing the brief
  }
  const events: ActionEvent[] = rows
    .map((r) => {
      let data = null;
      try {
        data = r.data ? (JSON.parse(r.data) as Record<string, never>) : null;
      } catch {
        data = null;
      }
      return toActionEvent({ ...r, data }, root);
    })
    .reverse();
  return { events, sessionIds: [...new Set(rows.map((r) => r.sessionId))] };
}

function lastCheckpointWith(store: Store, todo: Todo): TodoFocus['checkpoint'] {
  for (const c of store.checkpoints.list({
    projectId: todo.projectId,
    limit: CHECKPOINTS_SEARCHED,
  })) {
    const snap = loadSnapshot(store, c);
    const then = snap.todos.find((t) => t.id === todo.id);
    if (then) return { handle: c.handle, createdAt: c.createdAt, status: then.status };
  }
  return null;
}

export function loadTodoFocus(
  store: Store,
  projectId: string,
  ref: string,
  root: string | null,
): TodoFocus {
  const todo = store.todos.get(projectId, ref);
  if (!todo) {
    throw new BatonError('NOT_FOUND', `no todo "${ref}"`, { hint: 'see `baton todo list --all`' });
  }
  const { events, sessionIds } = mentioningEvents(store, todo, root);
  const ids = new Set(sessionIds);
  if (todo.originSessionId) ids.add(todo.originSessionId);
  const sessions = [...ids]
    .map((id) => store.sessions.get(id))
    .filter((s) => s !== null)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((s) => ({
      handle: s.handle,
      agent: s.agent,
      startedAt: s.startedAt,
      lastActivityAt: s.lastActivityAt,
    }));
  const files = [
    ...new Set([...fileMentions(todo.content, root), ...events.flatMap((e) => e.files)]),
  ];
  const open = store.todos.list({ projectId, statuses: ['in_progress', 'blocked', 'pending'] });
  const remaining = [
    ...open.filter((t) => t.status === 'in_progress'),
    ...pendingOrder(open),
    ...open.filter((t) => t.status === 'blocked'),
  ].filter((t) => t.id !== todo.id);
  return { todo, sessions, events, files, checkpoint: lastCheckpointWith(store, todo), remaining };
}
