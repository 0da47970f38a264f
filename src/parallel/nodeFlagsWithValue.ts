import type { NODE_FLAGS_READING_FLAGS } from './nodeFlagsReadingFlags.js';
import type { NODE_FLAGS_REPLACING_RUN } from './nodeFlagsReplacingRun.js';

/**
 * Node's options that take a value, as `node --help` writes them (`--env-file=...`): Node reads
 * their value after `=` or, as Node's own docs write most of them, as the next argument
 * (`['--env-file', '.env']`). Node 20's and 22's, each alias apart; checked against the running
 * node's `node --help` in `test/parallel/workerExecArgvFlags.test.ts`. Not Node's to say at run time:
 * `process.allowedNodeEnvironmentFlags` does not tell which flags take a value. V8's options
 * (`--stack-size`, `--max-old-space-size`) are not here: Node takes their value only after `=`. Nor `--watch-path`,
 * which stops the worker's run ({@link NODE_FLAGS_REPLACING_RUN}) and is refused. `--snapshot-blob` and
 * `--env-file` (with the others of {@link NODE_FLAGS_READING_FLAGS}) are refused for a worker too, before
 * their value is looked for, and stay here: the command line reads its own flags with this table
 * (cliLoaderFlags.ts), where `--env-file .env` is the flag and its value. Each in its dashed
 * spelling, as both tables here: a flag is looked up by the name Node reads (`--env_file` is
 * `--env-file`, nodeFlagName.ts).
 */
export const NODE_FLAGS_WITH_VALUE: ReadonlySet<string> = new Set([
  // Loading and resolving modules: what a worker may need for a lender's TypeScript featuresModule.
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
  '--input-type',
  '--experimental-default-type',
  // Environment, process and warnings.
  '--env-file',
  '--env-file-if-exists',
  '--experimental-config-file',
  '--title',
  '--disable-warning',
  '--disable-proto',
  '--redirect-warnings',
  '--unhandled-rejections',
  '--dns-result-order',
  '--network-family-autoselection-attempt-timeout',
  '--max-http-header-size',
  '--icu-data-dir',
  '--localstorage-file',
  '--use-largepages',
  '--v8-pool-size',
  '--trace-require-module',
  '--trace-event-categories',
  '--trace-event-file-pattern',
  // Permissions and policy.
  '--allow-fs-read',
  '--allow-fs-write',
  '--experimental-policy',
  '--policy-integrity',
  // Crypto and TLS.
  '--openssl-config',
  '--secure-heap',
  '--secure-heap-min',
  '--tls-cipher-list',
  '--tls-keylog',
  // Diagnostics, profiles and reports.
  '--inspect-port',
  '--debug-port',
  '--inspect-publish-uid',
  '--diagnostic-dir',
  '--cpu-prof-dir',
  '--cpu-prof-interval',
  '--cpu-prof-name',
  '--heap-prof-dir',
  '--heap-prof-interval',
  '--heap-prof-name',
  '--heapsnapshot-near-heap-limit',
  '--heapsnapshot-signal',
  '--report-dir',
  '--report-directory',
  '--report-filename',
  '--report-signal',
  '--snapshot-blob',
  // The test runner's (no use in a worker, but harmless without `--test`, which is refused, and Node reads their value so all the same).
  '--test-concurrency',
  '--test-coverage-branches',
  '--test-coverage-exclude',
  '--test-coverage-functions',
  '--test-coverage-include',
  '--test-coverage-lines',
  '--test-isolation',
  '--test-name-pattern',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-shard',
  '--test-skip-pattern',
  '--test-timeout',
]);

/**
 * Node's options whose value Node runs (or builds from) in place of the script: `-e code`, `--run
 * build`. Never a pool worker's: `workerExecArgv` refuses each by name, with its value attached
 * (`--eval=code`, `-ecode`), as the next element or alone (Node would read the worker's script path as
 * the code).
 */
export const NODE_FLAGS_RUNNING_CODE: ReadonlySet<string> = new Set([
  '-e',
  '--eval',
  '-p',
  '--print',
  '--run',
  '--experimental-sea-config',
  '--build-snapshot-config',
]);
