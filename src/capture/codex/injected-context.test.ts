import { describe, expect, it } from 'vitest';
import { isInjectedContext, splitIdeContext } from './injected-context.js';

describe('Codex injected context', () => {
  it('keeps only the typed request of an IDE-wrapped prompt, and the context apart', () => {
    const text =
      '# Context from my IDE setup:\n\n## Open tabs:\n- go.mod\n\n## My request for Codex:\nbump go to 1.24\n';
    expect(splitIdeContext(text)).toEqual({
      request: 'bump go to 1.24',
      context: '# Context from my IDE setup:\n\n## Open tabs:\n- go.mod',
    });
  });

  it('leaves a plain prompt as it is', () => {
    expect(splitIdeContext('fix the build')).toEqual({ request: 'fix the build', context: null });
    expect(isInjectedContext('fix the build')).toBe(false);
  });
});
