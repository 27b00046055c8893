// Pure: Codex's config.toml with Baton's `notify` program added or removed, every other byte as
// it was (comments included). smol-toml reads the file to know what is there; the edit itself is
// textual — one line Baton writes at the top of the file, where a top-level key is always valid,
// and removes again exactly. A `notify` the user set is left alone: Codex allows one program, and
// Baton's Stop hook records turn ends anyway.
import { parse } from 'smol-toml';
import { BatonError } from '../../core/index.js';
import type { HooksPlan } from '../install/hooks-json-plan.js';
import { isBatonNotify } from './hook-entries.js';

function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text);
  } catch (error) {
    throw new BatonError(
      'INVALID_INPUT',
      `${file} is not TOML Baton can edit safely: ${(error as Error).message}`,
      {
        hint: 'fix the file (or move it away) and run the command again; nothing was changed',
      },
    );
  }
}

const tomlString = (s: string) => JSON.stringify(s); // a TOML basic string escapes like JSON

/** The argv as a detail line shows it: a shell's script (spool-command.ts) is not spelled out. */
const shown = (argv: string[]) =>
  (argv[0] === 'sh' && argv[1] === '-c'
    ? ['sh', '-c', '<spool script>', ...argv.slice(3)]
    : argv
  ).join(' ');

function notifyLine(argv: string[]): string {
  return `notify = [${argv.map(tomlString).join(', ')}]`;
}

// A byte-order mark stays first; the TOML reader rejects it, and the line goes after it.
const BOM = '\uFEFF';
function withoutBom(text: string, plan: (body: string) => HooksPlan): HooksPlan {
  if (!text.startsWith(BOM)) return plan(text);
  const planned = plan(text.slice(BOM.length));
  return { ...planned, text: BOM + planned.text };
}

export function planNotifyInstall(before: string, file: string, argv: string[]): HooksPlan {
  return withoutBom(before, (body) => notifyInstall(body, file, argv));
}

export function planNotifyRemoval(before: string, file: string): HooksPlan {
  return withoutBom(before, (body) => notifyRemoval(body, file));
}

function notifyInstall(before: string, file: string, argv: string[]): HooksPlan {
  const current = parseToml(before, file).notify;
  const line = notifyLine(argv);
  if (current === undefined) {
    const eol = before.includes('\r\n') ? '\r\n' : '\n';
    return { text: `${line}${eol}${before}`, details: [`+ notify: ${shown(argv)}`] };
  }
  if (!isBatonNotify(current)) {
    return {
      text: before,
      details: [
        "= notify: another program is set; left as it is (Baton's Stop hook records turn ends)",
      ],
    };
  }
  if (JSON.stringify(current) === JSON.stringify(argv)) return { text: before, details: [] };
  const removed = notifyRemoval(before, file);
  return {
    text: `${line}${before.includes('\r\n') ? '\r\n' : '\n'}${removed.text}`,
    details: [`~ notify: ${shown(argv)}`],
  };
}

/** The line holding Baton's `notify`, with its line end, or null. */
function findNotifyLine(text: string): { start: number; end: number } | null {
  const re = /^[ \t]*notify[ \t]*=.*(?:\r?\n|$)/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const line = m[0].replace(/\r?\n$/, '');
    let value: unknown;
    try {
      value = (parse(line) as { notify?: unknown }).notify;
    } catch {
      continue; // a multi-line array: never Baton's, which writes one line
    }
    if (isBatonNotify(value)) return { start: m.index, end: m.index + m[0].length };
    if (m[0].length === 0) re.lastIndex += 1;
  }
  return null;
}

function notifyRemoval(before: string, file: string): HooksPlan {
  parseToml(before, file);
  const found = findNotifyLine(before);
  if (found === null) return { text: before, details: [] };
  const line = before.slice(found.start, found.end).trim();
  return { text: before.slice(0, found.start) + before.slice(found.end), details: [`- ${line}`] };
}
