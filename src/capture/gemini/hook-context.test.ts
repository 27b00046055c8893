// Pins how the typed prompt is recovered from a Gemini user turn that carries hook context.
import { describe, expect, it } from 'vitest';
import { withoutHookContext } from './hook-context.js';

describe('withoutHookContext', () => {
  it('drops the hook context Gemini put in front of the prompt', () => {
    const turn =
      '<hook_context># Baton recovery brief: shop\n\n- Session: …</hook_context>\n\nfix the login bug';
    expect(withoutHookContext(turn)).toBe('fix the login bug');
  });

  it('drops several blocks, and leading blank space before them', () => {
    expect(
      withoutHookContext('\n<hook_context>a</hook_context><hook_context>b</hook_context> go'),
    ).toBe('go');
  });

  it('leaves a prompt without hook context as it is, spaces and all', () => {
    expect(withoutHookContext('  explain <hook_context> tags  ')).toBe(
      '  explain <hook_context> tags  ',
    );
  });

  it('keeps the text whole when a block is never closed', () => {
    expect(withoutHookContext('<hook_context>brief with no end')).toBe(
      '<hook_context>brief with no end',
    );
  });

  it('gives an empty prompt when the turn is only hook context', () => {
    expect(withoutHookContext('<hook_context>brief</hook_context>\n')).toBe('');
  });
});
