// The simple search, brief, recovery prompt and checkpoints the stdio server uses until the
// search and recovery modules are wired in; replace this one value to switch them all.
import type { MemoryFunctions } from '../deps.js';
import { defaultResumeBrief } from './default-brief.js';
import { defaultCheckpoints } from './default-checkpoints.js';
import { defaultRecoveryPrompt } from './default-recovery-prompt.js';
import { defaultSearch } from './default-search.js';

export const defaultMemory: MemoryFunctions = {
  search: defaultSearch,
  resumeBrief: defaultResumeBrief,
  recoveryPrompt: defaultRecoveryPrompt,
  checkpoints: defaultCheckpoints,
};
