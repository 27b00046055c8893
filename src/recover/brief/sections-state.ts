// The durable state of the project: decisions in force, context facts by priority (expired ones
// left out — the warnings name them), component health, and in full mode a short timeline.
import type { ComponentState, ContextFact, Decision } from '../../core/index.js';
import type { BriefData, TimelineEntry } from './brief-types.js';
import { ago, byName, code, hhmm, iso, plural, quote, sentence, stamp } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';

function decisionLine(d: Decision): string {
  const why = d.reasoning ? ` Why: ${sentence(d.reasoning, 200)}` : '';
  const files = d.files.length ? ` Files: ${d.files.slice(0, 5).map(code).join(', ')}.` : '';
  return `- #${d.number} ${sentence(d.decision, 200)}${why}${files}`;
}

export function decisionsSection(data: BriefData): BriefSection {
  const active = data.decisions
    .filter((d) => d.status === 'active')
    .sort((a, b) => b.createdAt - a.createdAt || b.number - a.number);
  const items = active.map((d, i): BriefItem => ({
    md: decisionLine(d),
    tier: i < 5 ? 2 : 3,
    unit: 'decision',
    slot: 'decisions[]',
    value: {
      number: d.number,
      decision: d.decision,
      reasoning: d.reasoning,
      outcome: d.outcome,
      files: d.files,
      createdAt: iso(d.createdAt),
    },
  }));
  return { id: 'decisions', heading: 'Decisions in force', rank: 5, items };
}

const FACT_TIER = { critical: 1, high: 2, normal: 3, low: 3 } as const;
const FACT_ORDER = { critical: 0, high: 1, normal: 2, low: 3 } as const;

function factLine(f: ContextFact): string {
  const value = typeof f.value === 'string' ? f.value : JSON.stringify(f.value);
  const marks = [
    f.priority !== 'normal' ? f.priority : null,
    f.projectId === null ? 'global' : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `- ${code(f.key)} = ${quote(value, 200)}${marks ? ` (${marks})` : ''}`;
}

export function liveFacts(facts: ContextFact[], now: number): ContextFact[] {
  return facts
    .filter((f) => f.expiresAt === null || f.expiresAt > now)
    .sort((a, b) => FACT_ORDER[a.priority] - FACT_ORDER[b.priority] || byName(a.key, b.key));
}

export function factsSection(data: BriefData, onlyCritical = false): BriefSection {
  const facts = liveFacts(data.facts, data.now).filter(
    (f) => !onlyCritical || f.priority === 'critical' || f.priority === 'high',
  );
  const items = facts.map((f): BriefItem => ({
    md: factLine(f),
    tier: FACT_TIER[f.priority],
    unit: 'fact',
    slot: 'facts[]',
    value: {
      key: f.key,
      value: f.value,
      priority: f.priority,
      category: f.category,
      scope: f.projectId === null ? 'global' : 'project',
      expiresAt: iso(f.expiresAt),
    },
  }));
  const heading = onlyCritical ? 'Critical facts' : 'Context facts';
  return { id: 'facts', heading, rank: 6, items };
}

const HEALTHY = /^(up|ok|healthy|green|running|pass(ing)?)$/i;
const isHealthy = (c: ComponentState) =>
  HEALTHY.test(c.status) && (c.health === null || c.health >= 50);

export function componentsSection(data: BriefData): BriefSection {
  const sorted = [...data.components].sort(
    (a, b) => Number(isHealthy(a)) - Number(isHealthy(b)) || byName(a.name, b.name),
  );
  const items = sorted.map((c): BriefItem => ({
    md: `- ${c.name}: ${c.status}${c.health === null ? '' : `, ${c.health}%`} (checked ${ago(c.lastChecked, data.now)})`,
    tier: isHealthy(c) ? 3 : 2,
    unit: 'component',
    slot: 'components[]',
    value: { name: c.name, status: c.status, health: c.health, lastChecked: iso(c.lastChecked) },
  }));
  return { id: 'components', heading: 'Component health', rank: 7, items };
}

/** A title is often the first request: saying it twice adds nothing. */
const sameStart = (a: string, b: string | null) => b !== null && quote(a, 60) === quote(b, 60);

/** `brief`: the session the brief is about, whose request and answer it shows already. */
function timelineLine(e: TimelineEntry, now: number, brief?: string): string {
  if (e.kind === 'checkpoint') {
    return `- ${stamp(e.ts, now)} checkpoint ${e.handle} (${e.trigger}${e.label ? `, "${e.label}"` : ''})`;
  }
  const end = e.endedAt ?? e.lastActivityAt;
  const endText =
    new Date(end).toISOString().slice(0, 10) === new Date(e.ts).toISOString().slice(0, 10)
      ? hhmm(end)
      : stamp(end, now);
  const title = e.title ? ` — ${quote(e.title, 100)}` : '';
  const errors = e.errors ? `, ${plural(e.errors, 'error')}` : '';
  const said = (
    e.handle === brief
      ? []
      : [
          e.asked && !sameStart(e.asked, e.title) ? `  - Asked: ${quote(e.asked, 160)}` : null,
          e.achieved ? `  - Ended with: ${quote(e.achieved, 240)}` : null,
        ]
  ).filter((l): l is string => l !== null);
  return [
    `- ${stamp(e.ts, now)}–${endText} ${e.handle} ${e.agent}, ${e.endState}, ${plural(e.events, 'event')}${errors}${title}`,
    ...said,
  ].join('\n');
}

export function timelineSection(data: BriefData): BriefSection {
  const n = data.timeline.length;
  const items = data.timeline.map((e, i): BriefItem => ({
    md: timelineLine(e, data.now, data.session?.handle),
    tier: i >= n - 3 ? 2 : 3,
    unit: 'timeline entry',
    slot: 'timeline[]',
    value: { ...e, ts: iso(e.ts) },
    weight: i,
  }));
  return { id: 'timeline', heading: 'Timeline of recent sessions', rank: 8, items };
}
