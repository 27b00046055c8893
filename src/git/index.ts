// git: what Baton needs to know about the repository a folder sits in — project identity, branch
// and HEAD — read from the .git folder directly so it is cheap enough for hooks.
export { identifyProject, readGitState } from './project-identity.js';
export type { ProjectIdentity } from './project-identity.js';
export { findRepo } from './git-files.js';
export { createGitRunner, parsePorcelain } from './git-runner.js';
export type { GitResult, GitRunner, GitRunnerOptions } from './git-runner.js';
