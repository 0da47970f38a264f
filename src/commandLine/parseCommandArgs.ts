import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './commandIo.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns: typed `values` and the positionals. */
export type ParsedCommandArgs<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;

/** `node:util` parseArgs in strict mode with positionals, its complaints turned into {@link UsageError}. */
export function parseCommandArgs<T extends Options>(argv: readonly string[], options: T): ParsedCommandArgs<T> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A positive integer option within [1, max], or `fallback` when absent. */
export function intOption(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} expects a whole number in [1, ${max}], got "${raw}"`);
  return n;
}
