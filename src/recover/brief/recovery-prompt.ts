// The recovery prompt: the brief's content rearranged as instructions to a model that is taking
// over — "you are resuming work from SESSION-…; previous context; project state; conversation
// summary; instructions". For `baton resume --prompt` and the MCP `resume` / `emergency_resume`
// prompts. Built from the same sections and fitted to the same budget as the brief.
import type { Brief, BriefData, BriefMode, BriefOptions } from './brief-types.js';
import { assembleJson, effectiveBudget, omittedNote, sectionsFor } from './build-brief.js';
import { fitBudget } from './fit-budget.js';
import type { BriefSection } from './fit-budget.js';

const GROUPS: { heading: string; ids: string[] }[] = [
  {
    heading: 'Previous context',
    ids: ['identity', 'outcome', 'open', 'task', 'focus', 'todos', 'decisions', 'facts'],
  },
  { heading: 'Project state', ids: ['components', 'changes', 'warnings', 'timeline'] },
  { heading: 'Conversation summary', ids: ['actions'] },
];

function intro(data: BriefData): string {
  const s = data.session;
  const project = data.project ? ` in project ${data.project.name}` : '';
  if (!s)
    return `You are starting work${project}. Baton has no earlier session recorded here; below is what it knows.`;
  const how =
    data.endState === 'crashed'
      ? `, which crashed (${s.endReason?.replace(/^crashed:\s*/, '') ?? 'cause unknown'})`
      : '';
  const from = data.checkpoint ? ` at checkpoint ${data.checkpoint.handle}` : '';
  return `You are resuming work from ${s.handle} (${s.agent})${project}${from}${how}. Baton, the user's session memory, rebuilt the state below from its records: exact, but possibly stale — check before relying on it.`;
}

function instructions(data: BriefData, next: string): string {
  const handle = data.session?.handle ?? 'the earlier work';
  return [
    '# Instructions',
    `1. Acknowledge that you are resuming from ${handle} and say in two sentences where the work stands.`,
    '2. Confirm with the user that the task in progress is still what they want, before changing anything.',
    '3. Identify what changed since (Project state, warnings) and whether it affects the open todos.',
    `4. Propose the next actions, starting with the recommended one: ${next}`,
    'Do not redo work the records show as done, and do not trust a file named in a warning without re-reading it.',
  ].join('\n');
}

function promptSections(data: BriefData, mode: BriefMode): BriefSection[] {
  const sections = sectionsFor(data, mode);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const step = byId.get('next')?.items[0]?.value;
  const next = typeof step === 'string' ? step : 'Ask the user what to do next.';
  const out: BriefSection[] = [
    {
      id: 'intro',
      heading: null,
      rank: 0,
      // The introduction says whether the session crashed: the brief's crash notice is not repeated.
      items: [
        { md: intro(data), tier: 0, unit: 'introduction', slot: 'intro', value: intro(data) },
      ],
    },
  ];
  GROUPS.forEach((g, gi) => {
    const members = g.ids
      .map((id) => byId.get(id))
      .filter((s): s is BriefSection => s !== undefined);
    if (members.every((s) => s.items.length === 0)) return;
    out.push({
      id: `group-${gi}`,
      heading: null,
      rank: 0,
      items: [
        { md: `# ${g.heading}`, tier: 0, unit: 'heading', slot: `groups[]`, value: g.heading },
      ],
    });
    out.push(...members);
  });
  out.push({
    id: 'instructions',
    heading: null,
    rank: 0,
    items: [
      {
        md: instructions(data, next),
        tier: 0,
        unit: 'instructions',
        slot: 'instructions',
        value: instructions(data, next),
      },
    ],
  });
  return out;
}

/** The recovery prompt for `data`, within the budget of `options` (instructions always kept). */
export function buildRecoveryPrompt(data: BriefData, options: BriefOptions): Brief {
  const mode = options.mode;
  const budget = effectiveBudget(mode, options.budget);
  const fitted = fitBudget(promptSections(data, mode), budget, omittedNote(budget, mode));
  const json = assembleJson(
    fitted.sections,
    { mode, budget, length: fitted.text.length, omitted: fitted.omitted },
    data.now,
  );
  return { mode, budget, text: fitted.text, json, omitted: fitted.omitted };
}
