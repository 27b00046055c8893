// Pins how events become brief lines across agents: the files and commands of Claude Code, Codex
// and Gemini tool calls, paths made relative to the project, failures recognised, text cut short.
import { describe, expect, it } from 'vitest';
import type { BatonEvent } from '../../core/index.js';
import { toActionEvent } from './action-events.js';

const ev = (over: Partial<BatonEvent>): BatonEvent => ({
  seq: 1,
  id: 'E1',
  sessionId: 'S',
  ts: 0,
  kind: 'tool_call',
  role: null,
  tool: null,
  text: null,
  data: null,
  source: 'hook',
  ref: null,
  machineId: 'M',
  hlc: '0',
  ...over,
});

describe('toActionEvent', () => {
  it('reads Claude Code tool_input file paths, relative to the project root', () => {
    const a = toActionEvent(
      ev({
        tool: 'Edit',
        data: { tool_input: { file_path: '/repo/src/cart.ts', old_string: 'a' } },
      }),
      '/repo',
    );
    expect(a.files).toEqual(['src/cart.ts']);
    expect(a.command).toBeNull();
  });

  it('keeps paths outside the project absolute', () => {
    const a = toActionEvent(
      ev({ tool: 'Read', data: { input: { file_path: '/etc/hosts' } } }),
      '/repo',
    );
    expect(a.files).toEqual(['/etc/hosts']);
  });

  it('reads Bash commands and Codex command arrays', () => {
    expect(
      toActionEvent(ev({ tool: 'Bash', data: { tool_input: { command: 'npm test' } } }), null)
        .command,
    ).toBe('npm test');
    expect(
      toActionEvent(
        ev({ tool: 'exec_command', data: { arguments: { cmd: ['bash', '-lc', 'cargo build'] } } }),
        null,
      ).command,
    ).toBe('cargo build');
    expect(toActionEvent(ev({ kind: 'command', text: 'make lint' }), null).command).toBe(
      'make lint',
    );
    expect(toActionEvent(ev({ tool: 'run_shell_command', text: 'ls -la' }), null).command).toBe(
      'ls -la',
    );
  });

  it('names the files of a Codex apply_patch instead of its body', () => {
    const patch =
      '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-x\n+y\n*** Add File: src/b.ts\n+z\n*** End Patch';
    const a = toActionEvent(ev({ tool: 'apply_patch', data: { input: { command: patch } } }), null);
    expect(a.files).toEqual(['src/a.ts', 'src/b.ts']);
    expect(a.command).toBeNull();
  });

  it('marks error events and failed tool results', () => {
    expect(toActionEvent(ev({ kind: 'error', text: 'boom' }), null).failed).toBe(true);
    expect(toActionEvent(ev({ kind: 'tool_result', data: { is_error: true } }), null).failed).toBe(
      true,
    );
    expect(toActionEvent(ev({ kind: 'tool_result', data: { success: true } }), null).failed).toBe(
      false,
    );
  });

  it('collapses whitespace and cuts long text', () => {
    const a = toActionEvent(ev({ text: 'a\n\n  b' + 'x'.repeat(1000) }), null);
    expect(a.text.startsWith('a b')).toBe(true);
    expect(a.text.length).toBeLessThanOrEqual(400);
    expect(a.text.endsWith('…')).toBe(true);
  });
});
