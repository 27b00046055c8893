// What every part of a search is narrowed by, resolved once from the options and the query's own
// filters: the session (by any of its names), the kinds on each side, the time range.
import { BatonError, EVENT_KINDS } from '../core/index.js';
import type { EventKind } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { ParsedQuery } from './parse-query.js';
import { RECORD_KINDS } from './types.js';
import type { RecordKind, SearchKind, SearchOptions } from './types.js';

export interface SearchScope {
  projectId: string | undefined;
  agent: string | undefined;
  sessionId: string | undefined;
  /** null: every event kind. */
  eventKinds: EventKind[] | null;
  recordKinds: RecordKind[];
  since: number | undefined;
  until: number | undefined;
  /** `file:` values a decision's files must (not) contain. */
  files: { value: string; negated: boolean }[];
  /** A `tool:` filter excludes records, which have no tool. */
  needsTool: boolean;
}

export function resolveScope(
  store: Store,
  options: SearchOptions,
  parsed: ParsedQuery,
): SearchScope {
  const allowed = allowedKinds(options.kinds, parsed);
  const eventKinds = EVENT_KINDS.filter((k) => allowed.has(k));
  return {
    projectId: options.projectId,
    agent: options.agent,
    sessionId: options.sessionRef === undefined ? undefined : sessionId(store, options.sessionRef),
    eventKinds: eventKinds.length === EVENT_KINDS.length ? null : eventKinds,
    recordKinds: RECORD_KINDS.filter((k) => allowed.has(k)),
    since: options.since,
    until: options.until,
    files: parsed.filters
      .filter((f) => f.field === 'file')
      .map((f) => ({ value: f.value.replace(/\*$/, ''), negated: f.negated })),
    needsTool: parsed.filters.some((f) => f.field === 'tool' && !f.negated),
  };
}

/** Options' kinds ∩ the query's kind: filters, minus its -kind: filters. */
function allowedKinds(
  kinds: readonly SearchKind[] | undefined,
  parsed: ParsedQuery,
): Set<SearchKind> {
  const all: SearchKind[] = [...EVENT_KINDS, ...RECORD_KINDS];
  for (const k of kinds ?? []) {
    if (!all.includes(k)) {
      throw new BatonError('USAGE', `unknown kind "${k}"; kinds are: ${all.join(', ')}`);
    }
  }
  const wanted = parsed.filters.filter((f) => f.field === 'kind' && !f.negated);
  const unwanted = new Set(
    parsed.filters.filter((f) => f.field === 'kind' && f.negated).map((f) => f.value),
  );
  return new Set(
    all.filter(
      (k) =>
        (kinds === undefined || kinds.length === 0 || kinds.includes(k)) &&
        (wanted.length === 0 || wanted.some((f) => f.value === k)) &&
        !unwanted.has(k),
    ),
  );
}

function sessionId(store: Store, ref: string): string {
  const session = store.sessions.get(ref);
  if (!session) {
    throw new BatonError('NOT_FOUND', `no session "${ref}"`, { hint: 'see `baton session list`' });
  }
  return session.id;
}
