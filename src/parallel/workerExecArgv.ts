import type { ValidationIssue } from '../errors/validationError.js';
import { nodeFlagName, writtenFlagName } from './nodeFlagName.js';
import { NODE_FLAGS_READING_FLAGS } from './nodeFlagsReadingFlags.js';
import { NODE_FLAGS_REPLACING_RUN } from './nodeFlagsReplacingRun.js';
import { NODE_FLAGS_RUNNING_CODE, NODE_FLAGS_WITH_VALUE } from './nodeFlagsWithValue.js';
import { flagDenyingScorer, scorerDenyingFlag, scorerDenyingFlagAt } from './nodeFlagsDenyingScorer.js';
import { nodeOptionsArgs } from './workerNodeOptions.js';

/**
 * What is wrong with a pool's `workerExecArgv` (also `simulateBook`'s): it must be an array of Node
 * flags, where one of Node's options that take a value ({@link NODE_FLAGS_WITH_VALUE}: `--import`,
 * `--require`, `--title`...) may take the next element as it. Any other element that is not a flag
 * is refused, naming its index and why: Node would take it as the worker's script and run it in
 * place of the scorer. Only seven flags took their value so: `['--env-file', '.env']` was refused,
 * saying `.env` was no flag's value. A flag that runs code in place of the worker's script
 * ({@link NODE_FLAGS_RUNNING_CODE}: `--eval`, `-p`, `--run`...) is refused by name in every form, and so
 * is one that stops the worker's script or runs it as something else ({@link NODE_FLAGS_REPLACING_RUN}:
 * `--check`, `--version`, `--test`, `--watch`, `--snapshot-blob`...), saying what Node would do in its
 * place, and so is one that reads more flags from a file ({@link NODE_FLAGS_READING_FLAGS}:
 * `--env-file`), whose flags no check here sees, and so is one that leaves the worker unable to run
 * the scorer ({@link scorerDenyingFlag}: `--no-addons`, the permission model without `--allow-addons`
 * and `--allow-fs-read`, `--experimental-policy`), saying why, read after the workers' `nodeOptions`
 * as Node reads them (`--allow-addons` given there counts). Each flag
 * is looked up by the name Node reads ({@link nodeFlagName}: `--prof_process` is `--prof-process`,
 * which passed when only the dashed spelling was listed) and named as it was written.
 */
export function workerExecArgvIssues(argv: unknown, nodeOptions?: string): ValidationIssue[] {
  const refuse = (message: string): ValidationIssue[] => [{ path: ['workerExecArgv'], code: 'invalid_type', message, expected: 'string[]' }];
  if (!Array.isArray(argv)) return refuse('workerExecArgv must be an array of Node flags (strings starting with -)');
  // The element just before, as the flag a stray element would belong to (or the flag whose value it was).
  let before: ElementBefore | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg: unknown = argv[i];
    if (typeof arg !== 'string' || !arg.startsWith('-')) return refuse(notAFlag(i, before));
    const running = flagRunningCode(arg);
    if (running !== undefined)
      return refuse(`workerExecArgv at index ${i}: ${running} runs code or a script in place of the worker's own (the scorer), so no pool worker can take it`);
    const replacing = flagReplacingRun(arg);
    if (replacing !== undefined)
      return refuse(`workerExecArgv at index ${i}: ${replacing.flag} makes Node ${replacing.instead}, so the worker would not run the scorer`);
    const fromFile = NODE_FLAGS_READING_FLAGS.get(nodeFlagName(arg));
    if (fromFile !== undefined)
      return refuse(
        `workerExecArgv at index ${i}: ${writtenFlagName(arg)} makes Node read more flags for the worker from ${fromFile.reads}, which no check here sees${fromFile.seen === undefined ? '' : ` (${fromFile.seen})`}; ${fromFile.instead}`,
      );
    const denying = flagDenyingScorer(i, arg);
    if (denying !== undefined) return refuse(denying);
    before = { flag: arg, isItsValue: false };
    // A value given after `=` is the flag's whole; only a flag written alone takes the next element.
    if (arg.includes('=') || !NODE_FLAGS_WITH_VALUE.has(nodeFlagName(arg))) continue;
    before = { flag: arg, isItsValue: true };
    const value: unknown = argv[i + 1];
    if (typeof value !== 'string' || value === '' || value.startsWith('-'))
      return refuse(
        `workerExecArgv: ${arg} at index ${i} needs its value, as the next element or as ${arg.startsWith('--') ? `${arg}=value` : `${arg} value`}`,
      );
    i += 1;
  }
  // Read after the workers' NODE_OPTIONS, as Node reads them: `--allow-addons` there serves
  // `--experimental-permission` here. A fault lying in NODE_OPTIONS is the pool's to name
  // (workerFlagsDenyingScorer.ts), at NODE_OPTIONS.
  const fromOptions = nodeOptions === undefined ? [] : nodeOptionsArgs(nodeOptions).map((a) => a.arg);
  const denying = scorerDenyingFlagAt([...fromOptions, ...(argv as string[])], (i) => `workerExecArgv at index ${i - fromOptions.length}`);
  return denying === undefined || denying.index < fromOptions.length ? [] : refuse(denying.message);
}

/**
 * The flag `arg` is when Node runs code or a script for it in place of the worker's: `--eval=code`
 * and `-e` with its value attached (`-ecode`, `-e=code`) as well as alone, where Node takes the next
 * element, or the worker's script path when none follows, as the code. Undefined for any other flag.
 */
function flagRunningCode(arg: string): string | undefined {
  if (!arg.startsWith('--')) return NODE_FLAGS_RUNNING_CODE.has(arg.slice(0, 2)) ? arg.slice(0, 2) : undefined;
  return NODE_FLAGS_RUNNING_CODE.has(nodeFlagName(arg)) ? writtenFlagName(arg) : undefined;
}

/**
 * The flag `arg` is, with what Node does in place of the worker's run, when it stops or replaces it:
 * a long flag by its name before any `=`, a short one (`-c`, `-v`) only alone, since Node refuses
 * `-cx` or `-c=1` as a bad option itself. Undefined for any other flag.
 */
function flagReplacingRun(arg: string): { readonly flag: string; readonly instead: string } | undefined {
  const instead = NODE_FLAGS_REPLACING_RUN.get(nodeFlagName(arg));
  return instead === undefined ? undefined : { flag: writtenFlagName(arg), instead };
}

/** The element before a stray one: a flag, or (`isItsValue`) the value `flag` took. */
interface ElementBefore {
  readonly flag: string;
  readonly isItsValue: boolean;
}

/**
 * Why the element at `index` is refused, by the element before it: a V8 option (`--stack-size
 * 1000`, which Node itself refuses) or a flag Node reads without a value is told to take its value
 * after `=`.
 */
function notAFlag(index: number, before: ElementBefore | undefined): string {
  const head = `workerExecArgv at index ${index} is not a Node flag (a string starting with -)`;
  const flag = before?.isItsValue === false ? before.flag : undefined;
  if (flag !== undefined && !flag.includes('='))
    return `${head}, nor the value of the flag before it: ${flag} does not take the next element as its value (a V8 option, or a Node flag read without one); give its value after =: write ${flag}=VALUE`;
  const why =
    before === undefined
      ? 'no flag comes before it'
      : before.isItsValue
        ? `the element before it is ${before.flag}'s value`
        : `${before.flag} before it has its value after =`;
  return `${head}, nor the value of a flag: ${why}. Give a value as --flag=VALUE, or as the element after a Node option that takes one (--import, --require, --title, and the others node --help writes with =...)`;
}
