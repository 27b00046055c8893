// How search hits read on a terminal: one header line per hit (where, when, what, score) and its
// snippet below, the matched words marked when colour is on. Shared by `baton search` and the menu.
import { ansi } from '../ansi.js';
import type { SearchHit } from '../../search/index.js';
import type { Output } from '../output.js';
import { formatTime } from '../output.js';

export function markHighlights(
  snippet: string,
  highlights: [number, number][],
  color: boolean,
): string {
  if (!color || highlights.length === 0) return snippet;
  let out = '';
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at) continue;
    out += snippet.slice(at, start) + ansi.bold(ansi.yellow(snippet.slice(start, end)));
    at = end;
  }
  return out + snippet.slice(at);
}

function header(out: Output, hit: SearchHit): string {
  const score = out.dim(hit.score ? `score ${hit.score.toFixed(2)}` : '');
  const partial = hit.match === 'some' ? out.dim(' (some words)') : '';
  if (hit.event) {
    const e = hit.event;
    const what = e.tool ? `${e.kind} ${e.tool}` : e.kind;
    const who = hit.session ? `${hit.session.handle}  ${hit.session.agent}` : '';
    return `${out.accent(who)}  ${formatTime(e.ts)}  ${what}  ${out.dim(`#${e.seq}`)}  ${score}${partial}`;
  }
  const r = hit.record!;
  const name = r.number === null ? r.kind : `${r.kind} #${r.number}`;
  return `${out.accent(name)} (${r.status})  ${formatTime(r.ts)}  ${score}${partial}`;
}

export function printHits(out: Output, hits: SearchHit[], offset = 0): void {
  hits.forEach((hit, i) => {
    const body = hit.event ?? hit.record!;
    out.line(`${String(offset + i + 1).padStart(3)}. ${header(out, hit).trimEnd()}`);
    out.line(`     ${markHighlights(body.snippet, body.highlights, out.color)}`);
  });
}
