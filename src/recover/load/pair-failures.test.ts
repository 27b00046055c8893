import { describe, expect, it } from 'vitest';
import type { ActionEvent } from '../brief/brief-types.js';
import { pairFailures } from './pair-failures.js';

let seq = 0;
const ev = (
  kind: ActionEvent['kind'],
  tool: string,
  extra: Partial<ActionEvent> = {},
): ActionEvent => ({
  seq: ++seq,
  ts: seq * 1000,
  kind,
  tool,
  text: '',
  files: [],
  command: null,
  failed: false,
  ...extra,
});

describe('pairFailures', () => {
  it('gives a failure its command and marks it fixed when a later run passes', () => {
    const window = [
      ev('tool_call', 'Bash', { command: 'mix test' }),
      ev('error', 'Bash', { failed: true, text: '1 test failed' }),
      ev('tool_call', 'Edit', { files: ['lib/a.ex'] }),
      ev('tool_result', 'Edit'),
      ev('tool_call', 'Bash', { command: 'mix test' }),
      ev('tool_result', 'Bash'),
    ];
    const { events, joined } = pairFailures(window);
    const [call, failure] = events;
    expect(call).toMatchObject({ failed: true, output: '1 test failed', fixedAt: window[4]!.ts });
    expect(failure).toMatchObject({ command: 'mix test', fixedAt: window[4]!.ts });
    expect(joined.get(failure!.seq)).toBe(call!.seq);
    expect(events[4]!.failed).toBe(false);
  });

  it('leaves a failure open when no later run of its command passed', () => {
    const { events } = pairFailures([
      ev('tool_call', 'Bash', { command: 'npm install' }),
      ev('error', 'Bash', { failed: true, text: 'EACCES' }),
      ev('tool_call', 'Bash', { command: 'ls' }),
      ev('tool_result', 'Bash'),
    ]);
    expect(events[1]).toMatchObject({ command: 'npm install', fixedAt: null });
  });
});
