// Finds Claude Code transcripts: every `*.jsonl` under the projects folder (or the paths given),
// main sessions before subagents so parents are usually known first. Large tool outputs spilled
// to `tool-results/` are not transcripts.
import type { AgentEnv, TranscriptFile } from '../adapter.js';
import { findTranscripts } from '../transcripts/transcript-walk.js';
import { claudeProjectsDir, describeTranscriptPath } from './paths.js';

export function discoverTranscripts(env: AgentEnv, paths: string[] = []): TranscriptFile[] {
  const found = findTranscripts(
    [claudeProjectsDir(env.env)],
    paths,
    env.cwd,
    (path) => path.endsWith('.jsonl'),
    ['tool-results'],
  );
  const files = found.map((path) => ({
    path,
    role:
      describeTranscriptPath(path).agentId === null ? ('session' as const) : ('subagent' as const),
  }));
  // found is sorted by path and the sort is stable: sessions first, each group by path.
  return files.sort((a, b) => (a.role === b.role ? 0 : a.role === 'session' ? -1 : 1));
}
