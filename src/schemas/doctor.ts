// The published shape of `baton doctor --json`: every check's finding, for scripts and viewers.
import { z } from 'zod';

export const doctorReportShape = z
  .object({
    ok: z.boolean().describe('true when no check warns or fails (then the exit code is 0)'),
    store: z.string().describe('the store file checked'),
    checks: z.array(
      z.object({
        id: z.string().describe('stable id: store, integrity, capture:<source>, …'),
        title: z.string(),
        status: z.enum(['ok', 'info', 'warn', 'fail']),
        summary: z.string(),
        details: z.array(z.string()),
        fix: z.string().nullable().describe('what to do about it'),
        data: z.record(z.string(), z.unknown()).describe('the figures behind the summary'),
      }),
    ),
  })
  .describe('The output of `baton doctor --json`');
