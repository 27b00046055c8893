// Pins highlighting on a terminal: matched words wrapped in bold yellow, nothing added without colour.
import { expect, it } from 'vitest';
import { markHighlights } from './search-output.js';

it('marks matched words only when colour is on', () => {
  const s = 'the staging deploy failed';
  expect(
    markHighlights(
      s,
      [
        [4, 11],
        [12, 18],
      ],
      false,
    ),
  ).toBe(s);
  expect(
    markHighlights(
      s,
      [
        [4, 11],
        [12, 18],
      ],
      true,
    ),
  ).toBe('the \x1b[1m\x1b[33mstaging\x1b[39m\x1b[22m \x1b[1m\x1b[33mdeploy\x1b[39m\x1b[22m failed');
});
