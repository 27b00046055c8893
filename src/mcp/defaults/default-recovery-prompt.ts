// A stand-in for src/recover's recovery prompt until it is wired in: the full brief wrapped in the
// instructions a resuming agent needs.
import type { Store } from '../../store/index.js';
import type { RecoveryPromptOptions } from '../deps.js';
import { defaultResumeBrief } from './default-brief.js';

export function defaultRecoveryPrompt(store: Store, o: RecoveryPromptOptions): string {
  const brief = defaultResumeBrief(store, {
    projectId: o.projectId,
    mode: 'full',
    sessionRef: o.sessionRef,
    checkpointRef: o.checkpointRef,
    budget: o.budget,
    format: 'md',
    now: o.now,
  });
  const from = brief.checkpointHandle ?? brief.sessionHandle ?? 'a fresh start';
  return `You are resuming work from ${from}. Baton recorded the previous context below.

${brief.text}

Instructions:
1. Acknowledge in a few lines what was being done and how far it got.
2. Confirm the state: the todos in progress, the decisions in force, the facts above.
3. Identify what changed since (git status and log) before you edit anything.
4. Propose the next actions, starting with the recommended next step, and keep Baton's todos and decisions up to date as you go.`;
}
