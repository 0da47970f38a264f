import type { ValidationIssue } from '../errors/validationError.js';

/**
 * Node flags that read the next element as their value when written without `=`
 * (`['--import', 'tsx']`, as Node's own docs write it): the loaders a worker may need to load a
 * lender's TypeScript `featuresModule`, and the resolution conditions.
 */
const FLAGS_WITH_VALUE: ReadonlySet<string> = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--conditions', '-C']);

/**
 * What is wrong with a pool's `workerExecArgv` (also `simulateBook`'s): it must be an array of Node
 * flags, where a flag of {@link FLAGS_WITH_VALUE} may take the next element as its value. Any other
 * element that is not a flag is refused, naming its index: Node would take it as the worker's
 * script and run it in place of the scorer. `['--import', 'tsx']` was refused, only
 * `['--import=tsx']` passed.
 */
export function workerExecArgvIssues(argv: unknown): ValidationIssue[] {
  const refuse = (message: string): ValidationIssue[] => [{ path: ['workerExecArgv'], code: 'invalid_type', message, expected: 'string[]' }];
  if (!Array.isArray(argv)) return refuse('workerExecArgv must be an array of Node flags (strings starting with -)');
  for (let i = 0; i < argv.length; i++) {
    const arg: unknown = argv[i];
    if (typeof arg !== 'string' || !arg.startsWith('-'))
      return refuse(
        `workerExecArgv at index ${i} is not a Node flag (a string starting with -), nor the value of a flag that takes one (${[...FLAGS_WITH_VALUE].join(', ')})`,
      );
    if (!FLAGS_WITH_VALUE.has(arg)) continue;
    const value: unknown = argv[i + 1];
    if (typeof value !== 'string' || value === '' || value.startsWith('-'))
      return refuse(
        `workerExecArgv: ${arg} at index ${i} needs its value, as the next element or as ${arg.startsWith('--') ? `${arg}=value` : `${arg} value`}`,
      );
    i += 1;
  }
  return [];
}
