// buildBrief: the pure heart of recovery. Data in, brief out — markdown for a model and a person,
// the same content as JSON, and the list of what the budget left out. No I/O, no clock, no
// randomness: the same BriefData and options always give the same brief.
import type { Brief, BriefData, BriefJson, BriefMode, BriefOptions } from './brief-types.js';
import { DEFAULT_BUDGET, EMERGENCY_BUDGET } from './brief-types.js';
import { iso } from './brief-text.js';
import { fitBudget } from './fit-budget.js';
import type { BriefSection } from './fit-budget.js';
import { recommendNextStep } from './next-step.js';
import { changesSection, moreSection, nextSection, warningsSection } from './sections-end.js';
import { focusSection } from './sections-focus.js';
import { identitySection, taskSection, titleSection } from './sections-head.js';
import {
  componentsSection,
  decisionsSection,
  factsSection,
  timelineSection,
} from './sections-state.js';
import { openSection, outcomeSection, requestsSection } from './sections-outcome.js';
import { actionsSection, todosSection } from './sections-work.js';
import { computeWarnings } from './warnings.js';

export function effectiveBudget(mode: BriefMode, budget?: number): number {
  const asked = budget === undefined || !Number.isFinite(budget) ? DEFAULT_BUDGET : budget;
  const whole = Math.max(0, Math.floor(asked));
  return mode === 'emergency' ? Math.min(whole, EMERGENCY_BUDGET) : whole;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function omittedNote(budget: number, mode: BriefMode) {
  const more = mode === 'full' ? 'a larger `--budget` (e.g. 40000)' : '`baton resume --mode full`';
  return (omitted: string[], lines: number) => {
    const full = `_Left out to fit ${thousands(budget)} characters: ${omitted.join(', ')}. For more: ${more}._`;
    // The note must not eat the budget it reports on: past a fifth of it, say it in one breath.
    if (full.length <= Math.max(160, budget / 5)) return full;
    return `_${lines} lines left out to fit ${thousands(budget)} characters. For more: ${more}._`;
  };
}

/** Completed todos since this time count towards the progress shown. */
function progressSince(data: BriefData, mode: BriefMode): number | null {
  const first = data.timeline[0];
  if (mode === 'full' && first) return first.ts;
  return data.session?.startedAt ?? null;
}

export function sectionsFor(data: BriefData, mode: BriefMode): BriefSection[] {
  const warnings = computeWarnings(data);
  const next = nextSection(recommendNextStep(data, warnings));
  const since = progressSince(data, mode);
  const head = [titleSection(data, mode), identitySection(data)];
  const tail = [changesSection(data), warningsSection(warnings), next, moreSection(data, mode)];
  if (data.focus) return [...head, focusSection(data.focus, data.now), ...tail];
  if (mode === 'emergency') {
    return [
      ...head,
      todosSection(data, since, 'open'),
      factsSection(data, true),
      warningsSection(warnings),
      next,
    ];
  }
  const state = [decisionsSection(data), factsSection(data), componentsSection(data)];
  const full = mode === 'full';
  // Full mode: the project across its recent sessions — what each achieved, every request, every
  // todo and more of the actions; quick keeps to the last session.
  const history = full ? [timelineSection(data)] : [];
  return [
    ...head,
    outcomeSection(data, mode),
    openSection(data),
    taskSection(data, since, full ? 'in these sessions' : 'since the session started'),
    todosSection(data, since, full ? 'all' : 'recent'),
    ...(full ? [requestsSection(data)] : []),
    next,
    actionsSection(data, full),
    ...history,
    ...state,
    changesSection(data),
    warningsSection(warnings),
    moreSection(data, mode),
  ];
}

function place(json: Record<string, unknown>, slot: string, value: unknown): void {
  const isList = slot.endsWith('[]');
  const path = (isList ? slot.slice(0, -2) : slot).split('.');
  let node = json;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const leaf = path[path.length - 1]!;
  if (!isList) node[leaf] = value;
  else if (Array.isArray(node[leaf])) (node[leaf] as unknown[]).push(value);
  else node[leaf] = [value];
}

export function assembleJson(
  sections: BriefSection[],
  brief: Pick<BriefJson, 'mode' | 'budget' | 'length' | 'omitted'>,
  now: number,
): BriefJson {
  const json: BriefJson = {
    version: 1,
    ...brief,
    generatedAt: iso(now),
    title: null,
    crash: null,
    project: null,
    session: null,
    checkpoint: null,
    task: null,
    progress: null,
    focus: null,
    todos: [],
    outcome: null,
    actions: { prompts: [], assistant: null, errors: [], files: [], commands: [], recent: [] },
    timeline: [],
    decisions: [],
    facts: [],
    components: [],
    changes: null,
    warnings: [],
    next: null,
    more: null,
  };
  for (const s of sections) for (const item of s.items) place(json, item.slot, item.value);
  return json;
}

export function buildBrief(data: BriefData, options: BriefOptions): Brief {
  const mode = options.mode;
  const budget = effectiveBudget(mode, options.budget);
  const fitted = fitBudget(sectionsFor(data, mode), budget, omittedNote(budget, mode));
  const json = assembleJson(
    fitted.sections,
    { mode, budget, length: fitted.text.length, omitted: fitted.omitted },
    data.now,
  );
  return { mode, budget, text: fitted.text, json, omitted: fitted.omitted };
}
