// Dates named in a query ("on 3 June, 2023", "in August 2023", "March 5th 2024", "2024-03-05"),
// as time ranges: a question about what was said on a day is about the sessions of that day.
// Pure; ranking (context-score.ts) prefers events inside a range. A day is widened by a day on
// each side, because the query's day is the asker's and event times are UTC.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const DAY_MS = 86_400_000;

export interface TimeRange {
  from: number;
  to: number;
}

const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

function day(y: number, m: number, d: number): TimeRange | null {
  if (m < 0 || d < 1 || d > 31) return null;
  const start = Date.UTC(y, m, d);
  return { from: start - DAY_MS, to: start + 2 * DAY_MS };
}

export function queryDates(query: string): TimeRange[] {
  const ranges: TimeRange[] = [];
  const taken: [number, number][] = [];
  const scan = (re: RegExp, toRange: (m: RegExpExecArray) => TimeRange | null) => {
    for (const m of query.matchAll(re)) {
      const at = m.index;
      if (taken.some(([a, b]) => at < b && at + m[0].length > a)) continue;
      const r = toRange(m);
      if (r) {
        ranges.push(r);
        taken.push([at, at + m[0].length]);
      }
    }
  };
  scan(new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'gi'), (m) =>
    day(Number(m[3]), month(m[2]!), Number(m[1])),
  );
  scan(new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'gi'), (m) =>
    day(Number(m[3]), month(m[1]!), Number(m[2])),
  );
  scan(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => day(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  scan(new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, 'gi'), (m) => {
    const mo = month(m[1]!);
    const y = Number(m[2]);
    return mo < 0
      ? null
      : { from: Date.UTC(y, mo, 1) - DAY_MS, to: Date.UTC(y, mo + 1, 1) + DAY_MS };
  });
  return ranges;
}
