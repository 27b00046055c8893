// The difference between two states of a project (two checkpoints, or a checkpoint and now):
// which todos, decisions, facts and components were added, removed or changed, and in which
// fields. Pure; `checkpoint diff` prints it and a brief from a checkpoint counts it as drift.
import type { ComponentState, ContextFact, Decision, Todo } from '../../core/index.js';
import type { StateDrift } from '../brief/brief-types.js';

export interface StateView {
  todos: Todo[];
  decisions: Decision[];
  facts: ContextFact[];
  components: ComponentState[];
}

export interface Changed<T> {
  before: T;
  after: T;
  fields: string[];
}

export interface RecordDiff<T> {
  added: T[];
  removed: T[];
  changed: Changed<T>[];
}

export interface StateDiff {
  todos: RecordDiff<Todo>;
  decisions: RecordDiff<Decision>;
  facts: RecordDiff<ContextFact>;
  components: RecordDiff<ComponentState>;
}

const TODO_FIELDS = [
  'content',
  'status',
  'priority',
  'component',
  'blockedReason',
  'activeForm',
] as const;
const DECISION_FIELDS = ['decision', 'reasoning', 'outcome', 'status', 'files'] as const;
const FACT_FIELDS = ['value', 'priority', 'category', 'expiresAt'] as const;
const COMPONENT_FIELDS = ['status', 'health', 'metadata'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffRecords<T>(
  before: T[],
  after: T[],
  key: (r: T) => string,
  fields: readonly (keyof T & string)[],
): RecordDiff<T> {
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  const changed: Changed<T>[] = [];
  for (const [k, b] of now) {
    const a = old.get(k);
    if (!a) continue;
    const differing = fields.filter((f) => !same(a[f], b[f]));
    if (differing.length) changed.push({ before: a, after: b, fields: differing });
  }
  return {
    added: after.filter((r) => !old.has(key(r))),
    removed: before.filter((r) => !now.has(key(r))),
    changed,
  };
}

const factKey = (f: ContextFact) => `${f.projectId ?? '*'}:${f.key}`;

export function diffState(a: StateView, b: StateView): StateDiff {
  return {
    todos: diffRecords(a.todos, b.todos, (t) => t.id, TODO_FIELDS),
    decisions: diffRecords(a.decisions, b.decisions, (d) => d.id, DECISION_FIELDS),
    facts: diffRecords(a.facts, b.facts, factKey, FACT_FIELDS),
    components: diffRecords(a.components, b.components, (c) => c.name, COMPONENT_FIELDS),
  };
}

const size = <T>(d: RecordDiff<T>) => d.added.length + d.removed.length + d.changed.length;

export function driftOf(diff: StateDiff): StateDrift {
  return { todos: size(diff.todos), decisions: size(diff.decisions), facts: size(diff.facts) };
}

export function isEmptyDiff(diff: StateDiff): boolean {
  return size(diff.todos) + size(diff.decisions) + size(diff.facts) + size(diff.components) === 0;
}
