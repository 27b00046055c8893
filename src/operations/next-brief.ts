// The brief each agent would be handed if a new session of it started in the project now: what
// its SessionStart hook injects, under the same budget, with its size.
import type { Project } from '../core/index.js';
import { sessionStartBrief } from '../recover/index.js';
import type { OpsWorld } from './world.js';

export interface NextBrief {
  agent: string;
  budget: number;
  chars: number;
  text: string;
}

export async function nextBriefs(world: OpsWorld, project: Project): Promise<NextBrief[]> {
  // Loaded here: the operations share one chunk of the built CLI, and the capture adapters (with
  // their settings editors) would otherwise load for every command that runs an operation.
  const { BRIEF_BUDGET, CAPTURE_ADAPTERS } = await import('../capture/index.js');
  // Every agent's hook asks with the same budget and a startup source, so one build serves all.
  const text = await sessionStartBrief(world.store, {
    projectId: project.id,
    source: 'startup',
    budget: BRIEF_BUDGET,
    now: world.clock.now(),
    cwd: project.root,
  });
  return CAPTURE_ADAPTERS.map((a) => ({
    agent: a.agent,
    budget: BRIEF_BUDGET,
    chars: text.length,
    text,
  }));
}
