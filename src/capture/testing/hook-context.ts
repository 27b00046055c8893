// Test support: a HookContext over a real store, with a fixed clock and a brief provider that
// names the project's open todos, so hook tests can see what SessionStart hands the agent.
import { fixedClock } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { BriefProvider, HookContext } from '../adapter.js';

export const todoBrief: BriefProvider = (store, project) => {
  const open = store.todos.list({ projectId: project.id, statuses: ['pending', 'in_progress'] });
  return open.length
    ? `Open todos of ${project.name}:\n${open.map((t) => `- ${t.content}`).join('\n')}`
    : '';
};

export function hookContext(
  store: Store,
  env: NodeJS.ProcessEnv,
  at = 1_790_000_000_000,
  brief = todoBrief,
): HookContext {
  return { store: () => store, clock: fixedClock(at, 1000), env, brief };
}
