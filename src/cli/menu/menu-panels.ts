// The menu's read-only panels — recent messages, search results, diagnostics — rendered into
// lines with the same printers the commands use, so the menu and `baton view|search|doctor`
// always read alike.
import { Writable } from 'node:stream';
import { isBatonError } from '../../core/index.js';
import { problemsIn, runDoctor } from '../../doctor/index.js';
import { searchMemory, showEvent } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { DOCTOR_CHECKS } from '../doctor-checks.js';
import { doctorContext, printDoctor } from '../views/doctor-output.js';
import { formatEvents, sessionHeader } from '../views/event-view.js';
import { createOutput } from '../output.js';
import type { Output } from '../output.js';
import { printEventInContext } from '../views/event-context.js';
import { printHits } from '../views/search-output.js';
import type { MenuData } from './menu-data.js';

export interface Panel {
  title: string;
  lines: string[];
}

const RECENT_EVENTS = 60;
const SEARCH_HITS = 30;

/** An Output that collects lines instead of printing them, coloured like the real terminal. */
function capture(ctx: CliContext): { out: Output; lines: () => string[] } {
  let text = '';
  const sink = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        text += chunk.toString();
        done();
      },
    }),
    { isTTY: Boolean(ctx.world.stdout.isTTY), columns: ctx.world.stdout.columns ?? 80 },
  );
  const out = createOutput({ ...ctx.world, stdout: sink });
  return { out, lines: () => text.replace(/\n$/, '').split('\n') };
}

export function recentPanel(ctx: CliContext, data: MenuData, width: number): Panel {
  const { out } = capture(ctx);
  if (!data.session)
    return { title: 'Recent messages', lines: ['No session in this project yet.'] };
  const events = ctx
    .store()
    .events.list({ sessionId: data.session.id, order: 'desc', limit: RECENT_EVENTS })
    .reverse();
  return {
    title: sessionHeader(out, data.session),
    lines: events.length
      ? formatEvents(out, events, width).lines
      : ['No events in this session yet.'],
  };
}

export async function searchPanel(
  ctx: CliContext,
  data: MenuData,
  query: string,
  all: boolean,
): Promise<Panel & { hits: number[] }> {
  const { out, lines } = capture(ctx);
  const where = all ? 'all projects' : data.project.name;
  let hits: number[] = [];
  try {
    const result = await searchMemory(opsWorld(ctx), {
      query,
      limit: SEARCH_HITS,
      ...(!all && { projectId: data.project.id }),
    });
    if (result.hits.length === 0) out.line(`No hits for "${query}" in ${where}.`);
    printHits(out, result.hits);
    // A record hit (a todo, a decision) has no place in a session to open: it keeps its number
    // in the list, and its key opens nothing.
    hits = result.hits.map((h) => h.event?.seq ?? 0);
  } catch (error) {
    if (!isBatonError(error)) throw error;
    out.line(`${error.message}${error.hint ? ` (${error.hint})` : ''}`);
  }
  const open = hits.some((h) => h > 0) ? ' · 1–9 open a hit' : '';
  return { title: `Search (${where}): ${query}${open}`, lines: lines(), hits };
}

/** One event with the events of its session around it, as `baton show` prints it. */
export function showPanel(ctx: CliContext, seq: number): Panel {
  const { out, lines } = capture(ctx);
  try {
    const shown = showEvent({ store: ctx.store() }, { event: seq, before: 10, after: 10 });
    printEventInContext(out, shown);
    return { title: `Event #${seq} in ${shown.session.handle}`, lines: lines() };
  } catch (error) {
    if (!isBatonError(error)) throw error;
    return { title: `Event #${seq}`, lines: [error.message] };
  }
}

export async function doctorPanel(ctx: CliContext): Promise<Panel> {
  const { out, lines } = capture(ctx);
  const results = await runDoctor(doctorContext(ctx, false), DOCTOR_CHECKS);
  printDoctor(out, results);
  const problems = problemsIn(results).length;
  return {
    title: `Diagnostics — ${problems === 0 ? 'all well' : `${problems} problem(s)`}`,
    lines: lines(),
  };
}
