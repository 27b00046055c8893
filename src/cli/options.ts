// Option parsing shared by commands: the same flags mean the same thing everywhere.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { BatonError } from '../core/index.js';
import type { JsonObject, JsonValue } from '../core/index.js';

export function withProject(cmd: Command): Command {
  return cmd.option(
    '-p, --project <project>',
    'project folder, name or id (default: the current folder)',
  );
}

export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print JSON (shapes documented in schemas/)');
}

export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

export function parseIntOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

export function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`must be one of: ${values.join(', ')}`);
    }
    return value as T;
  };
}

/** A JSON value from the command line; bare words are taken as strings (`--value prod`). */
export function parseJsonValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

export function parseJsonObject(text: string, what = '--data'): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BatonError('USAGE', `${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BatonError('USAGE', `${what} must be a JSON object, like '{"file": "a.ts"}'`);
  }
  return value as JsonObject;
}
