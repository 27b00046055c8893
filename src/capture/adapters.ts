// Every agent Baton can capture, by the name users type. Codex CLI and Gemini CLI join here.
import { BatonError } from '../core/index.js';
import type { CaptureAdapter } from './adapter.js';
import { claudeCode } from './claude-code/index.js';

export const CAPTURE_ADAPTERS: readonly CaptureAdapter[] = [claudeCode];

export function adapterFor(agent: string): CaptureAdapter {
  const found = CAPTURE_ADAPTERS.find((a) => a.agent === agent);
  if (!found) {
    throw new BatonError('USAGE', `unknown agent "${agent}"`, {
      hint: `known agents: ${CAPTURE_ADAPTERS.map((a) => a.agent).join(', ')}`,
    });
  }
  return found;
}
