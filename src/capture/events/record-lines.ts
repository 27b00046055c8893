// The records of Events JSONL — todos, decisions, context facts and components — as lines beside
// the events: `{"record":"todo","v":1,…}`. An export writes them after the events (they name the
// sessions the events create); an import collects them and writes them once its events are in.
// A record line of a type or version this Baton does not know is counted and skipped, so a newer
// export still imports here.
import {
  DECISION_STATUSES,
  FACT_PRIORITIES,
  TODO_PRIORITIES,
  TODO_STATUSES,
} from '../../core/index.js';
import type {
  ContextFact,
  Decision,
  JsonObject,
  JsonValue,
  Session,
  Todo,
} from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { BadCheckpoint, exportCheckpoints, importCheckpoint } from './checkpoint-lines.js';
import type { EventSessions } from './event-sessions.js';

/** The record types this Baton reads and writes, each with the version it writes. */
export const RECORD_VERSIONS = {
  todo: 1,
  decision: 1,
  fact: 1,
  component: 1,
  checkpoint: 1,
} as const;
export type RecordType = keyof typeof RECORD_VERSIONS;

/** The field order of each record line (after `record` and `v`), so exports are byte-stable. */
const FIELDS: Record<Exclude<RecordType, 'checkpoint'>, readonly string[]> = {
  todo: [
    'project',
    'session',
    'agent',
    'id',
    'number',
    'content',
    'status',
    'activeForm',
    'priority',
    'component',
    'blockedReason',
    'externalKey',
    'createdAt',
    'startedAt',
    'completedAt',
  ],
  decision: [
    'project',
    'session',
    'agent',
    'id',
    'number',
    'decision',
    'reasoning',
    'outcome',
    'status',
    'files',
    'createdAt',
  ],
  fact: [
    'project',
    'session',
    'agent',
    'key',
    'value',
    'category',
    'priority',
    'expiresAt',
    'createdAt',
  ],
  component: ['project', 'name', 'status', 'health', 'metadata'],
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function line(type: Exclude<RecordType, 'checkpoint'>, fields: Record<string, unknown>): string {
  const out: Record<string, unknown> = { record: type, v: RECORD_VERSIONS[type] };
  for (const f of FIELDS[type]) {
    const v = fields[f];
    if (v !== null && v !== undefined) out[f] = v;
  }
  return JSON.stringify(out) + '\n';
}

/** Which projects' records an export carries: one, or (null) every project and global facts. */
export function* exportRecords(store: Store, projectId: string | null): Generator<string> {
  const projects = projectId === null ? store.projects.list() : [store.projects.get(projectId)!];
  const sessions = new Map<string, Session | null>();
  const sessionOf = (id: string | null) => {
    if (id === null) return {};
    let s = sessions.get(id);
    if (s === undefined) {
      s = store.sessions.get(id);
      sessions.set(id, s);
    }
    return s ? { session: s.agentSessionId ?? s.id, agent: s.agent } : {};
  };
  for (const p of projects) {
    // A project known so far by key alone (synced before its own record) has no folder yet.
    const project = p.root || p.name;
    for (const t of store.todos.list({ projectId: p.id })) {
      yield line('todo', { ...todoFields(t), project, ...sessionOf(t.originSessionId) });
    }
    for (const d of store.decisions.list({ projectId: p.id })) {
      yield line('decision', { ...decisionFields(d), project, ...sessionOf(d.sessionId) });
    }
    for (const f of store.facts.list({ projectId: p.id, includeExpired: true, now: 0 })) {
      if (f.projectId === null) continue;
      yield line('fact', { ...factFields(f), project, ...sessionOf(f.sessionId) });
    }
    for (const c of store.components.list(p.id)) yield line('component', { ...c, project });
  }
  if (projectId === null) {
    for (const f of store.facts.list({ projectId: null, includeExpired: true, now: 0 })) {
      if (f.projectId !== null) continue;
      yield line('fact', { ...factFields(f), ...sessionOf(f.sessionId) });
    }
  }
  // Last: a checkpoint's snapshot names the records above, and an import maps it onto them.
  yield* exportCheckpoints(store, projectId);
}

function todoFields(t: Todo): Record<string, unknown> {
  return {
    ...t,
    createdAt: iso(t.createdAt),
    startedAt: iso(t.startedAt),
    completedAt: iso(t.completedAt),
  };
}

function factFields(f: ContextFact): Record<string, unknown> {
  return { ...f, expiresAt: iso(f.expiresAt), createdAt: iso(f.createdAt) };
}

function decisionFields(d: Decision): Record<string, unknown> {
  return { ...d, files: d.files.length ? d.files : null, createdAt: iso(d.createdAt) };
}

/** A record line an import read: kept until its events are in. */
export interface RecordLine {
  line: number;
  value: Record<string, unknown>;
}

export interface RecordsImportResult {
  /** Records written, by type. */
  imported: Partial<Record<RecordType, number>>;
  /** Record lines of a type or version this Baton does not know, by `type@v`: skipped. */
  unknown: Record<string, number>;
  /** Record lines of a known type that are not valid, by line number. */
  malformed: { line: number; reason: 'schema'; message: string }[];
  /** Checkpoint lines the store already held (an import of the same file again). */
  duplicates: number;
}

class Invalid extends Error {}

/** Reads a field by the rule the record line's documentation gives, or throws Invalid. */
class Fields {
  constructor(private readonly o: Record<string, unknown>) {}
  raw(k: string): unknown {
    return this.o[k];
  }
  str(k: string): string {
    const v = this.o[k];
    if (typeof v !== 'string' || v === '') throw new Invalid(`field "${k}": a non-empty string`);
    return v;
  }
  optStr(k: string): string | null {
    return this.o[k] === undefined || this.o[k] === null ? null : this.str(k);
  }
  oneOf<T extends string>(k: string, values: readonly T[], fallback?: T): T {
    const v = this.o[k] ?? fallback;
    if (!values.includes(v as T)) throw new Invalid(`field "${k}": one of ${values.join(', ')}`);
    return v as T;
  }
  time(k: string): number | null {
    const v = this.optStr(k);
    if (v === null) return null;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw new Invalid(`field "${k}": an ISO-8601 time`);
    return ms;
  }
  int(k: string): number | null {
    const v = this.o[k];
    if (v === undefined || v === null) return null;
    if (!Number.isInteger(v) || (v as number) < 1) throw new Invalid(`field "${k}": a number ≥ 1`);
    return v as number;
  }
  num(k: string): number | null {
    const v = this.o[k];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`field "${k}": a number`);
    return v;
  }
  object(k: string): JsonObject {
    const v = this.o[k] ?? {};
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new Invalid(`field "${k}": an object`);
    return v as JsonObject;
  }
  strings(k: string): string[] {
    const v = this.o[k] ?? [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
      throw new Invalid(`field "${k}": a list of strings`);
    return v as string[];
  }
}

/**
 * Writes the record lines an import collected, in one transaction, after its events: a record
 * names its project by folder (or name) and its session by the id its events carry. Writing a
 * record again replaces it (by id for todos and decisions; by project and key or name for facts
 * and components), so importing a file twice adds nothing.
 */
export function importRecords(
  store: Store,
  sessions: EventSessions,
  lines: RecordLine[],
  now: number,
): RecordsImportResult {
  const result: RecordsImportResult = { imported: {}, unknown: {}, malformed: [], duplicates: 0 };
  const sessionOf = (f: Fields): string | null => {
    const id = f.optStr('session');
    if (id === null) return null;
    const agent = f.optStr('agent');
    const s =
      (agent !== null ? store.sessions.findByAgentId(agent, id) : null) ??
      store.sessions.findByIdOrHandle(id);
    return s?.id ?? null;
  };
  const projectOf = (f: Fields): string => {
    const id = sessions.project(f.str('project'));
    if (id === null) throw new Invalid('field "project": a folder or a name');
    return id;
  };
  store.transaction(() => {
    // Checkpoints after every other record: their snapshots are mapped onto them.
    const checkpoints: RecordLine[] = [];
    for (const { line: number, value } of lines) {
      const type = value.record;
      const known = typeof type === 'string' && Object.hasOwn(RECORD_VERSIONS, type);
      if (!known || value.v !== RECORD_VERSIONS[type as RecordType]) {
        const name = `${String(type)}@${String(value.v)}`;
        result.unknown[name] = (result.unknown[name] ?? 0) + 1;
        continue;
      }
      if (type === 'checkpoint') {
        checkpoints.push({ line: number, value });
        continue;
      }
      const f = new Fields(value);
      try {
        writeRecord(store, type as Exclude<RecordType, 'checkpoint'>, f, projectOf, sessionOf, now);
        result.imported[type as RecordType] = (result.imported[type as RecordType] ?? 0) + 1;
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        result.malformed.push({ line: number, reason: 'schema', message: error.message });
      }
    }
    for (const { line: number, value } of checkpoints) {
      try {
        if (importCheckpoint(store, sessions, value)) {
          result.imported.checkpoint = (result.imported.checkpoint ?? 0) + 1;
        } else result.duplicates += 1;
      } catch (error) {
        if (!(error instanceof BadCheckpoint)) throw error;
        result.malformed.push({ line: number, reason: 'schema', message: error.message });
      }
    }
  });
  return result;
}

function writeRecord(
  store: Store,
  type: Exclude<RecordType, 'checkpoint'>,
  f: Fields,
  projectOf: (f: Fields) => string,
  sessionOf: (f: Fields) => string | null,
  now: number,
): void {
  if (type === 'todo') {
    const createdAt = f.time('createdAt') ?? now;
    store.todos.restore({
      id: f.str('id'),
      projectId: projectOf(f),
      number: f.int('number') ?? 1,
      content: f.str('content'),
      status: f.oneOf('status', TODO_STATUSES, 'pending'),
      activeForm: f.optStr('activeForm'),
      priority: f.raw('priority') === undefined ? null : f.oneOf('priority', TODO_PRIORITIES),
      component: f.optStr('component'),
      blockedReason: f.optStr('blockedReason'),
      externalKey: f.optStr('externalKey'),
      originSessionId: sessionOf(f),
      createdAt,
      updatedAt: createdAt,
      startedAt: f.time('startedAt'),
      completedAt: f.time('completedAt'),
    } as Todo);
  } else if (type === 'decision') {
    const createdAt = f.time('createdAt') ?? now;
    store.decisions.restore({
      id: f.str('id'),
      projectId: projectOf(f),
      number: f.int('number') ?? 1,
      decision: f.str('decision'),
      reasoning: f.optStr('reasoning'),
      outcome: f.optStr('outcome'),
      status: f.oneOf('status', DECISION_STATUSES, 'active'),
      files: f.strings('files'),
      sessionId: sessionOf(f),
      createdAt,
      updatedAt: createdAt,
    } as Decision);
  } else if (type === 'fact') {
    const project = f.optStr('project');
    store.facts.set({
      projectId: project === null ? null : projectOf(f),
      key: f.str('key'),
      value: (f.raw('value') ?? null) as JsonValue,
      category: f.optStr('category'),
      priority: f.oneOf('priority', FACT_PRIORITIES, 'normal'),
      expiresAt: f.time('expiresAt'),
      sessionId: sessionOf(f),
      createdAt: f.time('createdAt') ?? now,
    });
  } else {
    store.components.set({
      projectId: projectOf(f),
      name: f.str('name'),
      status: f.optStr('status') ?? 'unknown',
      health: f.num('health'),
      metadata: f.object('metadata'),
    });
  }
}
