/**
 * The name Node looks a flag up by: for a long flag (`--...`), the part before any `=` with every `_`
 * after the leading `--` read as `-`, since Node's option parser does so for its own options and V8
 * for its own ("all options ... allow words to be separated by both dashes and underscores"):
 * `--prof_process` is `--prof-process`, `--watch_path=.` is `--watch-path`. Checked on node 20, each
 * obeyed as its dashed spelling, `--inspect_brk-node` and `--build-snapshot_config=F` too; a value
 * after `=` is the flag's own and stays as written. A short flag (`-e`, `-r`) is returned whole: Node
 * reads no `=` in one, and refuses a single-dash long spelling (`-prof-process`) as a bad option.
 *
 * @example
 * nodeFlagName('--watch_path=./src_dir'); // '--watch-path'
 */
export function nodeFlagName(arg: string): string {
  if (!arg.startsWith('--')) return arg;
  return `--${arg.split('=', 1)[0]!.slice(2).replaceAll('_', '-')}`;
}

/** The flag's name as it was written, for saying which one is refused: the part before any `=` of a long flag. */
export function writtenFlagName(arg: string): string {
  return arg.startsWith('--') ? arg.split('=', 1)[0]! : arg;
}
