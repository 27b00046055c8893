// A session, readable and replayable: every event in a virtualised list (loaded page by page,
// the first page shown at once), tool results folded into their calls, new events arriving live
// from the daemon's stream, a replay control that steps or plays through the session, and a
// `?seq=` that opens the list scrolled to one event (a search hit).
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, url } from '../api.js';
import { duration, time } from '../format.js';
import { EventRow } from '../parts/event-row.js';
import { Replay } from '../parts/replay.js';
import { VirtualList } from '../parts/virtual-list.js';
import { href } from '../route.js';
import type { Route } from '../route.js';
import type { BatonEvent, Session } from '../types.js';
import { useData } from '../use-data.js';

// A small first page paints at once; the rest follows in pages small enough that parsing and
// folding one fits between two frames of a scroll (one of 5,000 held a frame for tens of ms).
const FIRST_PAGE = 300;
const PAGE = 2000;
const seqOf = (e: BatonEvent) => e.seq;

interface Rows {
  rows: BatonEvent[];
  results: Map<number, BatonEvent>;
  rowOfSeq: Map<number, number>;
}

/**
 * Tool results join their call's row; a result whose call was not recorded keeps its own. `prev`
 * (the fold of a shorter list these events begin with: a session's pages arrive in order, live
 * events after them) is extended by the new events only, not folded again from the start — at
 * 100,000 events that pass, on every page, held the list's frames while it scrolled. A result
 * that arrives before its call keeps its own row.
 */
export function foldRows(events: readonly BatonEvent[], prev?: Folded): Folded {
  const extend =
    prev !== undefined &&
    prev.events.length > 0 &&
    prev.events.length <= events.length &&
    prev.events[0] === events[0] &&
    prev.events[prev.events.length - 1] === events[prev.events.length - 1];
  const from = extend ? prev.events.length : 0;
  const callByUse = extend ? prev.callByUse : new Map<string, BatonEvent>();
  const rows = extend ? prev.rows.slice() : [];
  const results = extend ? prev.results : new Map<number, BatonEvent>();
  const rowOfSeq = extend ? prev.rowOfSeq : new Map<number, number>();
  const pending = new Map<number, number>();
  if (!extend) {
    // All at once: a result may come before its call here (and still joins it).
    for (const e of events) {
      const use = e.data?.toolUseId;
      if (e.kind === 'tool_call' && typeof use === 'string') callByUse.set(use, e);
    }
  }
  for (let i = from; i < events.length; i += 1) {
    const e = events[i]!;
    const use = e.data?.toolUseId;
    if (extend && e.kind === 'tool_call' && typeof use === 'string') callByUse.set(use, e);
    const call = e.kind !== 'tool_call' && typeof use === 'string' ? callByUse.get(use) : undefined;
    if (call && (e.kind === 'tool_result' || e.kind === 'error')) {
      results.set(call.seq, e);
      // Its call's row, once that is placed (a result met before its call is placed below).
      const at = rowOfSeq.get(call.seq);
      if (at !== undefined) rowOfSeq.set(e.seq, at);
      else pending.set(e.seq, call.seq);
      continue;
    }
    rowOfSeq.set(e.seq, rows.length);
    rows.push(e);
  }
  for (const [seq, callSeq] of pending) rowOfSeq.set(seq, rowOfSeq.get(callSeq) ?? 0);
  return { events, rows, results, rowOfSeq, callByUse };
}

interface Folded extends Rows {
  events: readonly BatonEvent[];
  callByUse: Map<string, BatonEvent>;
}

function useSessionEvents(sessionId: string | undefined) {
  const [events, setEvents] = useState<BatonEvent[]>([]);
  const [complete, setComplete] = useState(false);
  useEffect(() => {
    if (!sessionId) return;
    let live = true;
    let source: EventSource | null = null;
    setEvents([]);
    setComplete(false);
    void (async () => {
      let after = 0;
      for (;;) {
        const page = await api.get<{ events: BatonEvent[]; next: number | null }>('/events', {
          session: sessionId,
          after,
          limit: after === 0 ? FIRST_PAGE : PAGE,
        });
        if (!live) return;
        setEvents((prev) => prev.concat(page.events));
        after = page.events.at(-1)?.seq ?? after;
        if (page.next === null) break;
      }
      setComplete(true);
      source = new EventSource(url('/events/stream', { session: sessionId, after }));
      source.addEventListener('event', (m) => {
        const e = JSON.parse((m as MessageEvent<string>).data) as BatonEvent;
        setEvents((prev) =>
          prev.length && prev[prev.length - 1]!.seq >= e.seq ? prev : prev.concat(e),
        );
      });
    })();
    return () => {
      live = false;
      source?.close();
    };
  }, [sessionId]);
  return { events, complete };
}

export function SessionPage({ route }: { route: Route }) {
  const ref = route.session ?? '';
  const { data, error } = useData(
    () => api.get<{ session: Session }>(`/sessions/${encodeURIComponent(ref)}`),
    [ref],
  );
  const session = data?.session;
  const { events, complete } = useSessionEvents(session?.id);
  const folded = useRef<Folded | undefined>(undefined);
  const { rows, results, rowOfSeq } = useMemo(
    () => (folded.current = foldRows(events, folded.current)),
    [events],
  );
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [cursor, setCursor] = useState<number | null>(null);
  const [jump, setJump] = useState<{ index: number; nonce: number } | null>(null);
  const targetSeq = Number(route.params.get('seq') ?? NaN);
  const jumped = useRef<number | null>(null);
  const toggle = useCallback(
    (seq: number) =>
      setOpen((s) => {
        const next = new Set(s);
        if (!next.delete(seq)) next.add(seq);
        return next;
      }),
    [],
  );

  useEffect(() => {
    if (!Number.isFinite(targetSeq) || jumped.current === targetSeq) return;
    const index = rowOfSeq.get(targetSeq);
    if (index === undefined) return;
    jumped.current = targetSeq;
    setJump({ index, nonce: Date.now() });
    const row = rows[index];
    if (row && row.seq !== targetSeq) setOpen((s) => new Set(s).add(row.seq));
  }, [targetSeq, rowOfSeq, rows]);

  if (error) return <p role="alert">Could not load the session: {error.message}</p>;
  if (!session) return <p aria-busy="true">Loading…</p>;
  const shown = cursor === null ? rows : rows.slice(0, cursor + 1);
  const currentSeq =
    cursor !== null
      ? rows[cursor]?.seq
      : Number.isFinite(targetSeq)
        ? rows[rowOfSeq.get(targetSeq) ?? -1]?.seq
        : undefined;

  const moveTo = (i: number | null) => {
    setCursor(i);
    if (i !== null) setJump({ index: Math.max(0, i - 2), nonce: Date.now() });
  };
  return (
    <section class="session-page" aria-labelledby="session-title">
      <header class="page-head">
        <h1 id="session-title">{session.title ?? session.handle}</h1>
        <p class="meta">
          <span class={`status st-${session.status}`}>{session.status}</span> {session.agent} ·{' '}
          {session.handle} · {time(session.startedAt)} ·{' '}
          {duration(session.startedAt, session.endedAt ?? session.lastActivityAt)} ·{' '}
          {events.length.toLocaleString()}
          {complete ? '' : '…'} of {session.eventCount.toLocaleString()} events
          {session.projectId && (
            <>
              {' '}
              · <a href={href('sessions', { project: session.projectId })}>all sessions</a>
            </>
          )}
        </p>
        <Replay count={rows.length} cursor={cursor} onMove={moveTo} />
      </header>
      <VirtualList
        label="events"
        items={shown}
        keyOf={seqOf}
        scrollTo={jump}
        render={(e) => (
          <EventRow
            event={e}
            result={results.get(e.seq)}
            open={open.has(e.seq)}
            onToggle={toggle}
            current={e.seq === currentSeq}
          />
        )}
      />
    </section>
  );
}
