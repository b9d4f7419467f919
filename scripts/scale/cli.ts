import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../../src/config/config';

/**
 * Argument parsing shared by the scale scripts (node:util parseArgs, strict): every
 * problem is a `UsageError`, printed with the usage text and exit code 2.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCliArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function integerOption(name: string, value: string | undefined, bounds: { min: number; max: number }): number {
  if (value === undefined) throw new UsageError(`--${name} is required.`);
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    throw new UsageError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}; got "${value}".`);
  }
  return n;
}

/** A comma-separated list of whole numbers, e.g. `--connections 1,4,20`. */
export function integerListOption(name: string, value: string, bounds: { min: number; max: number }): number[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.length === 0 || items.some((item) => item === '')) {
    throw new UsageError(`--${name} must be a comma-separated list of whole numbers; got "${value}".`);
  }
  return items.map((item) => integerOption(name, item, bounds));
}

/** Runs a CLI's main: usage and configuration problems exit 2, anything else exits 1. */
export function runCli(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n\n${usage}\n`);
        process.exit(2);
      }
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
