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
