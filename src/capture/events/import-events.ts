// Events JSONL v1 → the store. Streams the input line by line, batches writes, reports per line
// (STYLE habit 6): a malformed line is counted with its number and reason, and the rest imports.
import { existsSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import type { JsonObject } from '../../core/index.js';
import { identifyProject } from '../../git/index.js';
import type { EventInput, Store } from '../../store/index.js';
import type { EventLineV1 } from '../../schemas/index.js';
import { readJsonLines } from '../jsonl-lines.js';
import { parseEventLine } from './parse-event-line.js';
import type { EventLineSchema } from './parse-event-line.js';

export interface LineProblem {
  line: number;
  reason: 'json' | 'schema';
  message: string;
}

export interface EventsImportResult {
  lines: number;
  imported: number;
  duplicates: number;
  malformed: LineProblem[];
  sessions: number;
}

export interface EventsImportOptions {
  /**
   * The line schema (`eventLineV1` from src/schemas). Passed in so that nothing on the hook's
   * path can reach zod: the CLI loads it only when an import runs.
   */
  schema: EventLineSchema;
  /** Called every `progressEvery` lines with the running totals. */
  onProgress?: (r: EventsImportResult) => void;
  batchSize?: number;
}

function projectFor(store: Store, project: string | undefined, cache: Map<string, string | null>) {
  if (project === undefined) return null;
  const known = cache.get(project);
  if (known !== undefined) return known;
  let id: string;
  if (isAbsolute(project)) {
    const identity = existsSync(project)
      ? identifyProject(project)
      : {
          key: `path:${project}`,
          root: project,
          remoteUrl: null,
          name: basename(project) || project,
        };
    id = store.projects.ensure(identity).id;
  } else {
    id = (
      store.projects.get(project) ??
      store.projects.ensure({
        key: `name:${project}`,
        root: project,
        remoteUrl: null,
        name: project,
      })
    ).id;
  }
  cache.set(project, id);
  return id;
}

interface PendingLine {
  line: EventLineV1;
  ref: string;
  ts: number;
  agent: string;
}

export async function importEvents(
  store: Store,
  input: Readable,
  options: EventsImportOptions,
): Promise<EventsImportResult> {
  const result: EventsImportResult = {
    lines: 0,
    imported: 0,
    duplicates: 0,
    malformed: [],
    sessions: 0,
  };
  const batchSize = options.batchSize ?? 5000;
  const sessions = new Map<string, string>();
  const projects = new Map<string, string | null>();
  let batch: PendingLine[] = [];

  // One transaction per batch, sessions included: a commit (an fsync) per session would be the
  // import's bottleneck.
  const flush = () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    const r = store.transaction(() =>
      store.events.append(pending.map((p) => toEventInput(store, p, sessions, projects, result))),
    );
    result.imported += r.inserted;
    result.duplicates += r.duplicates;
    options.onProgress?.(result);
  };

  for await (const text of readJsonLines(input)) {
    result.lines += 1;
    const parsed = parseEventLine(text, options.schema);
    if (!parsed.ok) {
      if (parsed.reason !== 'blank') {
        result.malformed.push({
          line: result.lines,
          reason: parsed.reason,
          message: parsed.message,
        });
      }
      continue;
    }
    const { line, ref } = parsed;
    batch.push({ line, ref, ts: Date.parse(line.ts), agent: line.agent ?? 'unknown' });
    if (batch.length >= batchSize) flush();
  }
  flush();
  // Imported sessions end at their last event.
  store.transaction(() => {
    for (const id of sessions.values()) {
      const s = store.sessions.get(id);
      if (s && s.endReason === 'imported' && s.endedAt !== null && s.lastActivityAt > s.endedAt) {
        store.sessions.update(id, { endedAt: s.lastActivityAt });
      }
    }
  });
  return result;
}

function toEventInput(
  store: Store,
  p: PendingLine,
  sessions: Map<string, string>,
  projects: Map<string, string | null>,
  result: EventsImportResult,
): EventInput {
  const { line } = p;
  const sessionKey = `${p.agent}\u0000${line.session}`;
  let sessionId = sessions.get(sessionKey);
  if (sessionId === undefined) {
    sessionId = resolveSession(store, p, projects, result);
    sessions.set(sessionKey, sessionId);
  }
  return {
    sessionId,
    ts: p.ts,
    kind: line.kind,
    role: line.role ?? null,
    tool: line.tool ?? null,
    text: line.text ?? null,
    data: (line.data as JsonObject | undefined) ?? null,
    source: 'import',
    ref: p.ref,
  };
}

function resolveSession(
  store: Store,
  p: PendingLine,
  projects: Map<string, string | null>,
  result: EventsImportResult,
): string {
  const { line } = p;
  // The line may name a session this store already knows by its own id (an earlier export).
  const known = store.sessions.get(line.session);
  if (known && known.agent === p.agent) return known.id;
  const { session, created } = store.sessions.ensure({
    agent: p.agent,
    agentSessionId: line.session,
    projectId: projectFor(store, line.project, projects),
    startedAt: p.ts,
    title: line.title ?? null,
    cwd: line.project !== undefined && isAbsolute(line.project) ? line.project : null,
  });
  if (created) {
    store.sessions.update(session.id, { status: 'ended', endReason: 'imported', endedAt: p.ts });
    result.sessions += 1;
  }
  return session.id;
}
