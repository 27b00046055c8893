// How `baton show` reads on a terminal: the session, then each event on one line with its place
// in the session and its number, the event asked about marked and given in full.
import type { EventInContext } from '../../operations/index.js';
import type { Output } from '../output.js';
import { formatTime, oneLine } from '../output.js';

/** The longest text shown of the event asked about. */
const ANCHOR_CHARS = 4000;

export function printEventInContext(out: Output, shown: EventInContext): void {
  const s = shown.session;
  const title = s.title ? `  ${oneLine(s.title, 60)}` : '';
  out.line(`${out.accent(s.handle)}  ${s.agent}${title}  ${out.dim(`${s.eventCount} events`)}`);
  shown.events.forEach((e, i) => {
    const place = `${s.handle}#${shown.firstPosition + i}`;
    const what = e.tool ? `${e.kind} ${e.tool}` : e.kind;
    const anchor = e.seq === shown.anchor.seq;
    const head = `${anchor ? '>' : ' '} ${out.dim(formatTime(e.ts))}  ${what.padEnd(20)} ${out.dim(`#${e.seq} ${place}`)}`;
    out.line(anchor ? out.bold(head) : head);
    const text = anchor ? (e.text ?? '').slice(0, ANCHOR_CHARS) : oneLine(e.text, 100);
    if (text) out.line(`    ${anchor ? text.replace(/\n/g, '\n    ') : text}`);
  });
  const first = shown.events[0]!;
  const last = shown.events[shown.events.length - 1]!;
  out.line(
    out.dim(
      `\nwider: baton show ${shown.anchor.seq} -n 20 · earlier: baton show ${first.seq} · later: baton show ${last.seq}`,
    ),
  );
}
