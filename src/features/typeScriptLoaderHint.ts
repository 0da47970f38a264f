/** Where a lender's features module is loaded: the calling process, or one of a scorer pool's workers. */
export type FeaturesModuleLoader = 'process' | 'poolWorker';

// Node's code for a module whose extension it has no loader for; for a .ts file, plain node without tsx.
const UNKNOWN_EXTENSION = 'ERR_UNKNOWN_FILE_EXTENSION';
const TYPESCRIPT_EXTENSION = /"\.(?:c|m)?tsx?"/;

// The command line has no flag for its workers' Node options: it gives them its own loader flags
// (cliLoaderFlags), and NODE_OPTIONS reaches them as every node process reads it.
const COMMAND_LINE =
  "the command line: node --import tsx creditlift ... or NODE_OPTIONS='--import tsx' creditlift ..., whose loader its worker processes take too";

/**
 * How to let Node load a TypeScript features module it refused for its extension, said for where
 * it was loaded: a pool's workers run plain `node` without the calling process's loaders (tsx), so
 * a `features.ts` that loads in a service run under tsx fails in them. Undefined for any other
 * failure, which Node's own message explains.
 *
 * @example
 * typeScriptLoaderHint(e, 'poolWorker'); // "a pool's workers run plain node, ...: give the pool workerExecArgv: ['--import', 'tsx'] ..."
 */
export function typeScriptLoaderHint(error: unknown, loader: FeaturesModuleLoader): string | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== UNKNOWN_EXTENSION || !TYPESCRIPT_EXTENSION.test(error.message)) return undefined;
  return loader === 'poolWorker'
    ? `a pool's workers run plain node, without the calling process's loaders: give the pool workerExecArgv: ['--import', 'tsx'] so its workers load TypeScript (${COMMAND_LINE}), or compile the module to JavaScript`
    : `Node loads no TypeScript by itself: run it under a TypeScript loader (node --import tsx; ${COMMAND_LINE}), or compile the module to JavaScript`;
}
