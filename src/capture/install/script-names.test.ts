// Install's report names Baton's shell-script hooks by the Node hook each stands for: read back
// from the scripts as spool-command.ts and prepared-start.ts write them.
import { describe, expect, it } from 'vitest';
import { preparedStartCommand, preparedStartFallback } from './prepared-start.js';
import { spoolCommand, spooledHookOf } from './spool-command.js';
import type { SpoolWorker } from './spool-command.js';

const BATON = '"/usr/bin/node" "/opt/baton/bin/baton.js"';
const WORKERS: SpoolWorker[] = ['exit', 'now', 'later', 'none'];

describe('the Node hook behind a shell-script hook', () => {
  it.each(WORKERS)('is read back from a spooled hook (worker %s)', (worker) => {
    for (const reply of [undefined, '{}']) {
      const script = spoolCommand({
        agent: 'codex',
        event: 'Stop',
        home: '/home/me/.baton',
        batonCommand: BATON,
        worker,
        ...(reply !== undefined && { reply }),
      });
      expect(spooledHookOf(script)).toBe(`${BATON} hook codex`);
      expect(preparedStartFallback(script)).toBeNull();
    }
  });

  it('is read back from the prepared SessionStart', () => {
    const hook = `${BATON} hook claude-code`;
    const script = preparedStartCommand(hook, '/home/me/.baton', { agent: 'claude-code' });
    expect(preparedStartFallback(script)).toBe(hook);
    expect(spooledHookOf(script)).toBeNull();
  });

  it('is nothing for any other command', () => {
    for (const command of [`${BATON} hook claude-code`, 'cat >/dev/null', 'echo "|| exec x"\n']) {
      expect(spooledHookOf(command)).toBeNull();
      expect(preparedStartFallback(command)).toBeNull();
    }
  });
});
