// Draws a menu screen as lines, purely: header, the current session, the checkpoints, the items
// with the cursor, or a page of output — each line fitted to the terminal's width.
import type { Output } from '../output.js';
import { formatTime } from '../output.js';
import type { MenuCheckpoint, MenuData } from './menu-data.js';
import { MENU_ITEMS } from './menu-model.js';
import type { Screen } from './menu-model.js';

export interface TerminalSize {
  columns: number;
  rows: number;
}

// A terminal colour or cursor code: ESC [ … letter.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/y;

/** Cuts a line to `width` visible characters, keeping (and closing) its colour codes. */
export function fitLine(line: string, width: number): string {
  let out = '';
  let visible = 0;
  let coloured = false;
  for (let i = 0; i < line.length;) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(line);
    if (m) {
      out += m[0];
      coloured = true;
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    if (visible >= width) return out + (coloured ? '\x1b[0m' : '');
    out += ch;
    visible += 1;
    i += ch.length;
  }
  return out;
}

const kb = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(1)} KB`;

export function checkpointLine(out: Output, c: MenuCheckpoint): string {
  const cp = c.checkpoint;
  const label = cp.label ?? cp.trigger;
  return `${formatTime(cp.createdAt)}  ${out.accent(cp.handle)}  ${c.events} events  ${kb(cp.size)}  ${label}`;
}

function header(out: Output, data: MenuData): string[] {
  const s = data.session;
  const session = s
    ? `${out.bold(s.handle)}  ${s.agent} · ${s.status} · last activity ${formatTime(s.lastActivityAt)} · ${s.eventCount} events`
    : out.dim('none yet');
  return [
    out.bold('Baton — recovery menu'),
    `project  ${data.project.name}  ${out.dim(data.project.root)}`,
    `session  ${session}`,
    '',
  ];
}

function mainScreen(
  out: Output,
  data: MenuData,
  cursor: number,
  notice: string | null,
  rows: number,
): string[] {
  const lines = header(out, data);
  const room = Math.max(1, rows - lines.length - MENU_ITEMS.length - 6);
  lines.push(out.bold(`Checkpoints (${data.checkpoints.length})`));
  if (data.checkpoints.length === 0) lines.push(out.dim('  none yet'));
  for (const c of data.checkpoints.slice(0, room)) lines.push(`  ${checkpointLine(out, c)}`);
  if (data.checkpoints.length > room)
    lines.push(out.dim(`  … ${data.checkpoints.length - room} more under Load`));
  lines.push('');
  MENU_ITEMS.forEach((item, i) => {
    const text = `[${item.letter.toUpperCase()}] ${item.label}`;
    lines.push(i === cursor ? `${out.accent('›')} ${out.bold(text)}` : `  ${text}`);
  });
  lines.push(
    '',
    notice
      ? out.warn(notice)
      : out.dim('↑/↓ move · Enter choose · letter = shortcut · Esc or Ctrl-C leave'),
  );
  return lines;
}

function pickScreen(out: Output, data: MenuData, cursor: number, rows: number): string[] {
  const lines = [out.bold('Load which checkpoint?'), ''];
  const room = Math.max(1, rows - 5);
  const first = Math.max(0, Math.min(cursor - room + 1, data.checkpoints.length - room));
  data.checkpoints.slice(first, first + room).forEach((c, j) => {
    const i = first + j;
    const text = `${String(i + 1).padStart(2)}. ${checkpointLine(out, c)}`;
    lines.push(i === cursor ? `${out.accent('›')} ${text}` : `  ${text}`);
  });
  lines.push('', out.dim('↑/↓ move · Enter or 1–9 load · Esc back'));
  return lines;
}

function outputScreen(
  out: Output,
  screen: Extract<Screen, { name: 'output' }>,
  rows: number,
): string[] {
  const page = Math.max(1, rows - 3);
  const shown = screen.lines.slice(screen.top, screen.top + page);
  const range = screen.lines.length
    ? `lines ${screen.top + 1}–${screen.top + shown.length} of ${screen.lines.length}`
    : 'nothing to show';
  return [
    out.bold(screen.title),
    ...shown,
    '',
    out.dim(`${range} · ↑/↓ PgUp/PgDn scroll · q or Esc back`),
  ];
}

export function outputPage(rows: number): number {
  return Math.max(1, rows - 3);
}

export function render(out: Output, screen: Screen, data: MenuData, size: TerminalSize): string[] {
  const lines =
    screen.name === 'main'
      ? mainScreen(out, data, screen.cursor, screen.notice, size.rows)
      : screen.name === 'pick'
        ? pickScreen(out, data, screen.cursor, size.rows)
        : screen.name === 'input'
          ? [
              ...header(out, data),
              `${out.bold(screen.all ? 'Search all projects:' : 'Search this project:')} ${screen.text}${out.accent('█')}`,
              '',
              out.dim(
                'words, "phrases", prefix*, -exclude, kind:/tool:/file: · Tab all projects / this one · Enter search · Esc back',
              ),
            ]
          : outputScreen(out, screen, size.rows);
  return lines.slice(0, size.rows).map((l) => fitLine(l, size.columns));
}
