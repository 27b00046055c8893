import { describe, expect, it } from 'vitest';
import { hookToolInput, payloadFromToolArguments } from './mcp-hook.js';

/** What Claude Code's `${path}` interpolation makes of `input` for a hook's input `hook`. */
function interpolate(input: Record<string, string>, hook: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(input).map(([k, template]) => [
      k,
      template.replace(/\$\{([a-zA-Z_][a-zA-Z0-9_.]*)\}/g, (_m, path: string) => {
        const v: unknown = hook[path];
        if (v === undefined || v === null) return '';
        // Objects JSON-stringified; numbers and booleans as JSON writes them (as String does).
        return typeof v === 'string' ? v : JSON.stringify(v);
      }),
    ]),
  );
}

describe("Claude Code's hook input through the hook tool", () => {
  it('rebuilds the fields Baton reads, with objects, numbers and booleans parsed back', () => {
    const hook = {
      session_id: 's1',
      transcript_path: '/t/s1.jsonl',
      cwd: '/p',
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'ls', description: 'list' },
      tool_response: { stdout: 'a\nb', stderr: '', interrupted: false },
      tool_use_id: 'toolu_1',
      duration_ms: 12,
    };
    const payload = payloadFromToolArguments(interpolate(hookToolInput(), hook));
    expect(JSON.parse(payload!)).toEqual(hook);
  });

  it('keeps a prompt that looks like JSON as the text typed, and leaves out absent fields', () => {
    const hook = { session_id: 's', hook_event_name: 'UserPromptSubmit', prompt: '{"a": 1}' };
    expect(JSON.parse(payloadFromToolArguments(interpolate(hookToolInput(), hook))!)).toEqual(hook);
  });

  it('refuses arguments that are not a hook event', () => {
    expect(payloadFromToolArguments({ session_id: 's' })).toBeUndefined();
    expect(payloadFromToolArguments('x')).toBeUndefined();
    expect(payloadFromToolArguments(null)).toBeUndefined();
  });
});
