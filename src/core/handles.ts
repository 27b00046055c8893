// Human handles beside the ULIDs: SESSION-YYMMDD-NNN (per day, per store, never reused) and
// RECOVERY-<session handle>-HHMMSS for checkpoints. Days are the local calendar day.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getFullYear() % 100)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

export function formatSessionHandle(day: string, n: number): string {
  return `SESSION-${day}-${pad(n, 3)}`;
}

export function formatCheckpointHandle(sessionHandle: string, ms: number): string {
  const d = new Date(ms);
  return `RECOVERY-${sessionHandle}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
