// Pins that a spooled tool result is replayed after its call when the hook processes raced.
import { describe, expect, it } from 'vitest';
import { callsBeforeResults } from './spool-order.js';

const spooled = (name: string, event: string, id?: string) => ({
  name,
  text: `{"agent":"claude-code"}\n${JSON.stringify({ hook_event_name: event, tool_use_id: id })}`,
});

describe('callsBeforeResults', () => {
  it('moves a result after its call when the result was spooled first', () => {
    const batch = [
      spooled('a', 'UserPromptSubmit'),
      spooled('b', 'PostToolUse', 't1'),
      spooled('c', 'PreToolUse', 't2'),
      spooled('d', 'PreToolUse', 't1'),
      spooled('e', 'PostToolUseFailure', 't2'),
    ];
    expect(callsBeforeResults(batch).map((x) => x.name)).toEqual(['a', 'c', 'd', 'b', 'e']);
  });

  it('keeps a result whose call is not in the batch where it is', () => {
    const batch = [spooled('a', 'PostToolUse', 't9'), spooled('b', 'PreToolUse', 't1')];
    expect(callsBeforeResults(batch).map((x) => x.name)).toEqual(['a', 'b']);
  });

  it('leaves unreadable payloads in place', () => {
    const batch = [{ name: 'x', text: 'not json' }, spooled('b', 'PreToolUse', 't1')];
    expect(callsBeforeResults(batch).map((x) => x.name)).toEqual(['x', 'b']);
  });
});
