// Pins the dates a query names: days in the usual English orders and ISO form, months with a
// year, each as a UTC range widened by a day; other numbers are not dates.
import { describe, expect, it } from 'vitest';
import { queryDates } from './query-dates.js';

const DAY = 86_400_000;
const day = (iso: string) => ({ from: Date.parse(iso) - DAY, to: Date.parse(iso) + 2 * DAY });

describe('queryDates', () => {
  it('reads a day in the orders people write it', () => {
    expect(queryDates('what did Maria start, as mentioned on 3 June, 2023?')).toEqual([
      day('2023-06-03'),
    ]);
    expect(queryDates('the painting shown on October 13, 2023')).toEqual([day('2023-10-13')]);
    expect(queryDates('March 5th 2024 and 2024-03-07')).toEqual([
      day('2024-03-05'),
      day('2024-03-07'),
    ]);
  });

  it('reads a month with its year as the whole month', () => {
    expect(queryDates('volunteering in August 2023')).toEqual([
      { from: Date.parse('2023-08-01') - DAY, to: Date.parse('2023-09-01') + DAY },
    ]);
  });

  it('finds no date in other numbers and words', () => {
    expect(queryDates('retry 3 times, may 2 workers run, port 2023')).toEqual([]);
    expect(queryDates('')).toEqual([]);
  });
});
