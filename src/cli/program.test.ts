// Pins the lazy command table: each loader registers exactly the top-level commands it is listed
// under (a command missing from the table would vanish from `baton resume`-style direct runs),
// and a named command builds a program with only that command.
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { CliContext } from './context.js';
import { COMMANDS, buildProgram } from './program.js';

const ctx = new CliContext({
  env: {},
  cwd: process.cwd(),
  stdin: new PassThrough(),
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  clock: fixedClock(0),
});

describe('the command table', () => {
  it('lists under each loader the commands it registers', async () => {
    for (const [names, load] of COMMANDS) {
      const program = new Command('baton');
      (await load())(program, ctx);
      expect(program.commands.map((c) => c.name())).toEqual(names);
    }
  });

  it('builds only the named command, and every command for help', async () => {
    const resume = await buildProgram(ctx, ['resume', '--mode', 'full']);
    expect(resume.commands.map((c) => c.name())).toEqual(['resume']);
    const uninstall = await buildProgram(ctx, ['uninstall', 'claude-code']);
    expect(uninstall.commands.map((c) => c.name())).toEqual(['install', 'uninstall']);
    const version = await buildProgram(ctx, ['--version']);
    expect(version.commands).toEqual([]);
    const help = await buildProgram(ctx, ['--help']);
    expect(help.commands.map((c) => c.name())).toEqual(COMMANDS.flatMap(([names]) => names));
    const typo = await buildProgram(ctx, ['resum']);
    expect(typo.commands).toHaveLength(help.commands.length);
  });
});
