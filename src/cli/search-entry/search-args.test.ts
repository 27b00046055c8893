// The small entry's reading of `baton search`'s arguments against commander's: the same options,
// and the same words and values wherever the small entry reads them at all.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSearch } from '../commands/search.js';
import type { CliContext } from '../context.js';
import { SEARCH_OPTION_NAMES, parseSearchArgs } from './search-args.js';

/** What commander makes of `baton search …args`: the words and the options. */
function commanderReads(args: string[]): { words: string[]; flags: Record<string, unknown> } {
  const program = new Command('baton').exitOverride();
  registerSearch(program, {} as CliContext);
  const search = program.commands.find((c) => c.name() === 'search')!;
  let read: { words: string[]; flags: Record<string, unknown> } | undefined;
  search.exitOverride().action((words: string[], flags: Record<string, unknown>) => {
    read = { words, flags };
  });
  program.parse(['search', ...args], { from: 'user' });
  return read!;
}

describe('parseSearchArgs', () => {
  it('knows exactly the long options commander gives `baton search`', () => {
    const program = new Command('baton');
    registerSearch(program, {} as CliContext);
    const names = program.commands[0]!.options.map((o) => o.long);
    expect([...SEARCH_OPTION_NAMES].sort()).toEqual([...names].sort());
  });

  it.each([
    [['deploy']],
    [['why', 'did', 'the', 'deploy', 'fail?']],
    [['"connection refused" -test kind:error']],
    [['deploy', '--limit', '5', '--offset=10', '--total', '--json']],
    [['--all-projects', 'deploy', '--agent', 'codex', 'staging']],
    [['deploy', '--kind', 'todo, decision', '--kind=user_message', '--kind', 'fact']],
    [['deploy', '--project', 'app', '--project=other', '--session', 'brave-otter']],
    [['deploy', '--since', '7d', '--until', '2026-01-31', '--limit', '500', '--offset', '0']],
    [['deploy', '--project=']],
  ])('reads %j as commander does', (args) => {
    const ours = parseSearchArgs(args);
    expect(ours).not.toBeNull();
    const theirs = commanderReads(args);
    expect(ours!.words).toEqual(theirs.words);
    expect(ours!.flags).toEqual(theirs.flags);
  });

  it.each([
    [[]],
    [['--help']],
    [['deploy', '-h']],
    [['deploy', '-flaky']],
    [['deploy', '--bogus']],
    [['deploy', '--json=yes']],
    [['deploy', '--limit', '0']],
    [['deploy', '--limit', '501']],
    [['deploy', '--limit', '2.5']],
    [['deploy', '--offset', '-1']],
    [['deploy', '--project']],
    [['deploy', '--project', '--json']],
    [['--', 'deploy']],
    [['deploy', '-']],
  ])('leaves %j to the full CLI', (args) => {
    expect(parseSearchArgs(args)).toBeNull();
  });
});
