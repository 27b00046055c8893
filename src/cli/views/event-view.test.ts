// Pins how events read in `baton view`: messages wrapped, tool calls folded to one line, errors
// marked, and an assistant turn that only called tools left out (its calls have their own lines).
import { describe, expect, it } from 'vitest';
import type { BatonEvent } from '../../core/index.js';
import { formatEvent } from './event-view.js';
import { createOutput } from '../output.js';

const out = createOutput({
  env: { NO_COLOR: '1' },
  cwd: '/',
  stdin: process.stdin,
  stdout: Object.assign(process.stdout, {}),
  stderr: process.stderr,
  clock: { now: () => 0 },
});

const event = (over: Partial<BatonEvent>): BatonEvent => ({
  seq: 1,
  id: 'E1',
  sessionId: 'S1',
  ts: Date.parse('2026-01-02T03:04:00Z'),
  kind: 'note',
  role: null,
  tool: null,
  text: null,
  data: null,
  source: 'api',
  ref: 'r',
  machineId: 'm',
  hlc: 'h',
  ...over,
});

describe('formatEvent', () => {
  it('leaves out an assistant turn without text', () => {
    expect(formatEvent(out, event({ kind: 'assistant_message', text: '' }), 100)).toEqual([]);
    expect(formatEvent(out, event({ kind: 'assistant_message', text: null }), 100)).toEqual([]);
  });

  it('wraps messages and folds tool calls and failed results to one line', () => {
    const message = formatEvent(out, event({ kind: 'user_message', text: 'word '.repeat(60) }), 60);
    expect(message.length).toBeGreaterThan(1);
    expect(message[0]).toContain('you');
    const call = formatEvent(
      out,
      event({ kind: 'tool_call', tool: 'Bash', data: { command: 'npm test' } }),
      100,
    );
    expect(call).toHaveLength(1);
    expect(call[0]).toMatch(/▸ Bash\s+npm test/);
    const error = formatEvent(
      out,
      event({ kind: 'tool_result', tool: 'Bash', text: 'exit 1', data: { is_error: true } }),
      100,
    );
    expect(error[0]).toMatch(/✗ Bash\s+exit 1/);
  });
});
