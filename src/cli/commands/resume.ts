import type { Command } from 'commander';
import { recoveryBrief } from '../../operations/index.js';
import { BRIEF_MODES } from '../../recover/index.js';
import type { BriefMode } from '../../recover/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { choice, examples, parseIntOption, withJson, withProject } from '../options.js';

interface ResumeOpts {
  mode: BriefMode;
  session?: string;
  checkpoint?: string;
  todo?: string;
  budget?: number;
  format?: 'md' | 'json';
  json?: boolean;
  prompt?: boolean;
  git: boolean;
  project?: string;
}

export function registerResume(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('resume')
    .description('print the recovery brief: what the last session knew, what changed, what is next')
    .option('-m, --mode <mode>', `${BRIEF_MODES.join(', ')}`, choice(BRIEF_MODES), 'quick')
    .option('-s, --session <session>', 'resume from this session (handle or id)')
    .option('-c, --checkpoint <checkpoint>', 'resume from this checkpoint (RECOVERY-… or id)')
    .option('-t, --todo <todo>', 'focus on one todo: its history, files, blockers, what remains')
    .option(
      '-b, --budget <chars>',
      'at most this many characters (default 9500; emergency ≤ 1500)',
      parseIntOption('--budget', 200, 1_000_000),
    )
    .option('-f, --format <format>', 'md or json', choice(['md', 'json'] as const))
    .option('--prompt', 'print the recovery prompt for a model taking over, not the brief')
    .option('--no-git', 'skip looking at the repository for changes');
  withJson(withProject(cmd));
  examples(cmd, [
    'baton resume                                  # the brief for this folder’s project',
    'baton resume --mode full --budget 20000       # across recent sessions, with a timeline',
    'baton resume --mode emergency                 # only open work, critical facts, warnings',
    'baton resume --checkpoint RECOVERY-SESSION-261123-001-174012',
    'baton resume --todo 6                         # resume one task',
    'baton resume --prompt | pbcopy                # a prompt to paste into a fresh agent',
    'baton resume --format json | jq .todos',
  ]);
  cmd.action(async (opts: ResumeOpts) => {
    const project = ctx.project(opts.project);
    const brief = await recoveryBrief(opsWorld(ctx), {
      projectId: project.id,
      mode: opts.mode,
      format: opts.json ? 'json' : (opts.format ?? 'md'),
      cwd: opts.project === undefined ? ctx.world.cwd : project.root,
      useGit: opts.git,
      sessionRef: opts.session,
      checkpointRef: opts.checkpoint,
      todoRef: opts.todo,
      budget: opts.budget,
      prompt: opts.prompt,
    });
    ctx.out.line(brief.text);
  });
}
