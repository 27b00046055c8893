// How a session's events read on a terminal: messages in full (wrapped, long ones cut), tool
// calls and results folded to one line each, errors marked. Shared by `baton view` and the menu.
import type { BatonEvent, JsonObject, Session } from '../../core/index.js';
import type { Output } from '../output.js';
import { formatTime, oneLine } from '../output.js';

const MAX_MESSAGE_LINES = 12;
const LABEL = 11;
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Words wrapped to `width` columns. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word.length > width ? word.slice(0, width) : word;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A one-line stand-in for a tool call with no text: its most telling input. */
function describeData(data: JsonObject | null): string {
  if (!data) return '';
  for (const key of ['command', 'file_path', 'path', 'pattern', 'url', 'query', 'description']) {
    const v = data[key];
    if (typeof v === 'string') return v;
  }
  return JSON.stringify(data);
}

function failed(e: BatonEvent): boolean {
  return e.kind === 'error' || e.data?.is_error === true || e.data?.isError === true;
}

export function formatEvent(out: Output, e: BatonEvent, width: number): string[] {
  const time = out.dim(clock(e.ts));
  const body = Math.max(20, width - 7 - LABEL);
  const tag = (label: string) => label.padEnd(LABEL - 1);
  if (e.kind === 'user_message' || e.kind === 'assistant_message') {
    // An assistant turn that only called tools has no text; its tool calls have lines of their own.
    if (!e.text?.trim()) return [];
    const who = e.kind === 'user_message' ? out.accent(tag('you')) : out.good(tag('assistant'));
    const lines = wrap(e.text ?? '', body);
    const shown = lines.slice(0, MAX_MESSAGE_LINES);
    if (lines.length > shown.length)
      shown.push(out.dim(`… (${lines.length - shown.length} more lines)`));
    return shown.map((l, i) => (i === 0 ? `${time}  ${who} ${l}` : `${' '.repeat(7 + LABEL)}${l}`));
  }
  if (failed(e)) {
    const label =
      e.kind === 'error' ? `✗ error${e.tool ? ` ${e.tool}` : ''}` : `✗ ${e.tool ?? 'result'}`;
    return [
      `${time}  ${out.bold(out.warn(tag(label)))} ${oneLine(e.text ?? describeData(e.data), body)}`,
    ];
  }
  if (e.kind === 'tool_call') {
    return [
      `${time}  ${out.bold(tag(`▸ ${e.tool ?? 'tool'}`))} ${oneLine(e.text ?? describeData(e.data), body)}`,
    ];
  }
  if (e.kind === 'tool_result') {
    const text = e.text ?? describeData(e.data);
    const more = text.split('\n').length - 1;
    const suffix = more > 0 ? out.dim(` (+${more} lines)`) : '';
    return [
      `${time}  ${out.dim(tag(`↳ ${e.tool ?? 'result'}`))} ${oneLine(text.split('\n')[0] ?? '', body - 12)}${suffix}`,
    ];
  }
  return [
    `${time}  ${out.dim(tag(e.kind.replace('_', ' ')))} ${oneLine(e.text ?? describeData(e.data), body)}`,
  ];
}

export function sessionHeader(out: Output, s: Session): string {
  const title = s.title ? ` · ${s.title}` : '';
  return `${out.bold(s.handle)}  ${s.agent} · ${s.status} · last activity ${formatTime(s.lastActivityAt)} · ${s.eventCount} events${title}`;
}

/** Event lines with a dated separator wherever the day changes (from `day`, the last shown). */
export function formatEvents(
  out: Output,
  events: BatonEvent[],
  width: number,
  day = '',
): { lines: string[]; day: string } {
  const lines: string[] = [];
  for (const e of events) {
    const d = formatTime(e.ts).slice(0, 10);
    if (d !== day) {
      lines.push(out.dim(`── ${d} ──`));
      day = d;
    }
    lines.push(...formatEvent(out, e, width));
  }
  return { lines, day };
}
