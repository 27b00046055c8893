// Reading an agent's own transcript retention from its settings file: each adapter names the file
// and the setting; a missing file means the agent's default, an unreadable one is said so (and the
// default assumed) rather than failing the diagnostics that ask.
import { readFileSync } from 'node:fs';

export interface SettingsRead {
  /** The parsed file, or null when it is missing or could not be read. */
  json: Record<string, unknown> | null;
  problem: string | null;
}

export function readSettingsJson(file: string): SettingsRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { json: null, problem: code === 'ENOENT' ? null : `cannot read it (${code})` };
  }
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json))
      return { json: json as Record<string, unknown>, problem: null };
    return { json: null, problem: 'not a JSON object' };
  } catch {
    return { json: null, problem: 'not valid JSON' };
  }
}

const UNIT_DAYS: Record<string, number> = { h: 1 / 24, d: 1, w: 7, m: 30 };

/** "30d", "24h", "1w", "2m" → days; null when it is not such a period. */
export function periodDays(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([hdwm])\s*$/i.exec(text);
  return m ? Number(m[1]) * UNIT_DAYS[m[2]!.toLowerCase()]! : null;
}
