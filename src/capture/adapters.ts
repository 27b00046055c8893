// Every agent Baton can capture, by the name users type.
import { BatonError } from '../core/index.js';
import type { AgentEnv, CaptureAdapter } from './adapter.js';
import { claudeCode } from './claude-code/index.js';
import { codex } from './codex/index.js';
import { gemini } from './gemini/index.js';

export const CAPTURE_ADAPTERS: readonly CaptureAdapter[] = [claudeCode, codex, gemini];

export function adapterFor(agent: string): CaptureAdapter {
  const found = CAPTURE_ADAPTERS.find((a) => a.agent === agent);
  if (!found) {
    throw new BatonError('USAGE', `unknown agent "${agent}"`, {
      hint: `known agents: ${CAPTURE_ADAPTERS.map((a) => a.agent).join(', ')}`,
    });
  }
  return found;
}

/** The adapters of the agents installed on this machine (`install all`). */
export function presentAdapters(env: AgentEnv): readonly CaptureAdapter[] {
  return CAPTURE_ADAPTERS.filter((a) => a.present?.(env) ?? true);
}
