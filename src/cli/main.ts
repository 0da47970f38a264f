#!/usr/bin/env node
/**
 * The `creditlift` command line. Each command lives in its own module, loaded only when asked
 * for, so `creditlift --help` does not pay for loading the ONNX runtime.
 *
 * This file imports nothing but types, and must stay so: run as the bin, its first statement takes
 * SIGINT and SIGTERM (`takeSignals`, below) and every other module loads after, by `import()`. A
 * static import is loaded before any statement of the file runs, and a signal while the command
 * line's modules loaded (its first ~0.1-0.3 s) killed the process by Node's default, 143 with
 * nothing written, where any later signal is an interrupted run: exit 130, resumable.
 * (test/deep/earlySignal.test.ts signals the process on the first module this file imports.)
 */
import type { CliIo } from './cliIo.js';

/** `CliExitCode.interrupted`, written out: the signal handler may run before any module is loaded. */
const INTERRUPTED_EXIT_CODE = 130;

const isEntry = process.argv[1] !== undefined && /(?:^|[\\/])(?:main\.ts|cli\.c?js|creditlift)$/.test(process.argv[1]);
// First, before anything is loaded: see the head of the file.
const bin = isEntry ? takeSignals() : undefined;

type Command = (argv: readonly string[], io: CliIo) => Promise<number> | number;

const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  demo: {
    summary: 'the story on the examples: decisions, certificate uploads, reasons, budget view',
    load: async () => (await import('./demoCommand.js')).runDemoCommand,
  },
  playground: {
    summary: 'a local web page to try applicants and certificates (127.0.0.1)',
    load: async () => (await import('./playgroundCommand.js')).runPlaygroundCommand,
  },
  decide: { summary: 'decide one applicant (JSON file or -) and print the Decision', load: async () => (await import('./decideCommand.js')).runDecideCommand },
  suggest: {
    summary: "certificates that would raise one applicant's limit, ranked",
    load: async () => (await import('./suggestCommand.js')).runSuggestCommand,
  },
  score: {
    summary: 'decide a file of applicants (NDJSON or CSV) into NDJSON, resumable',
    load: async () => (await import('./scoreCommand.js')).runScoreCommand,
  },
  simulate: {
    summary: 'replay a book under a baseline and a candidate policy/model: swap set, losses, segments',
    load: async () => (await import('./simulateCommand.js')).runSimulateCommand,
  },
  monitor: {
    summary: 'drift (PSI/CSI) of score, features and factors against the baseline; exit 4 to act',
    load: async () => (await import('./monitorCommand.js')).runMonitorCommand,
  },
  worker: {
    summary: 'decide chunks of "score --queue" runs from Redis (BullMQ), on any host',
    load: async () => (await import('./workerCommand.js')).runWorkerCommand,
  },
  report: { summary: 'one self-contained HTML report of a decisions file', load: async () => (await import('./reportCommand.js')).runReportCommand },
  catalog: { summary: 'the certificate catalog (table or --json)', load: async () => (await import('./catalogCommand.js')).runCatalogCommand },
  schema: { summary: 'JSON Schema of the inputs', load: async () => (await import('./schemaCommand.js')).runSchemaCommand },
  train: {
    summary: 'train a gradient-boosted-tree model from a CSV file into ONNX',
    load: async () => (await import('../train/commands/trainCommand.js')).runTrainCommand,
  },
  featurize: {
    summary: 'applicants (NDJSON) and outcomes (CSV) into the exact training matrix the scorer computes',
    load: async () => (await import('../train/commands/featurizeCommand.js')).runFeaturizeCommand,
  },
  model: {
    summary: 'import an XGBoost or LightGBM ONNX model as a creditlift model (model import)',
    load: async () => (await import('./modelCommand.js')).runModelCommand,
  },
  predict: {
    summary: 'score a CSV with a trained model into probabilities',
    load: async () => (await import('../train/commands/predictCommand.js')).runPredictCommand,
  },
};

/** Usage of `creditlift`. */
export function mainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Usage: creditlift <command> [options]

Commands:
${list}

Run "creditlift <command> --help" for a command's options.
Exit codes: 0 success, 1 failure, 2 usage, 3 some input records rejected, 4 some records left
undecided by a runtime failure (score, simulate) or a figure in the act band (monitor), 130 interrupted.
`;
}

/**
 * Runs the command line with `argv` (the arguments after the program name); resolves to the exit
 * code. `io` defaults to the process's own streams ({@link processCliIo}).
 */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  const cli = io ?? (await import('./cliIo.js')).processCliIo;
  const { CliExitCode } = await import('./cliExitCode.js');
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    cli.stdout(mainUsage());
    return name === undefined ? CliExitCode.usage : CliExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    cli.stdout(`${(await import('../version.js')).ENGINE_VERSION}\n`);
    return CliExitCode.ok;
  }
  const { terminalText } = await import('../text/terminalText.js');
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    cli.stderr(`error: unknown command "${terminalText(name)}"\n\n${mainUsage()}`);
    return CliExitCode.usage;
  }
  try {
    return await (await command.load())(rest, cli);
  } catch (e) {
    cli.stderr(`error: ${terminalText(e instanceof Error ? e.message : String(e), { keepLineBreaks: true })}\n`);
    return CliExitCode.failed;
  }
}

/**
 * The bin's signal handling, installed before any module loads. First Ctrl-C or SIGTERM: finish
 * the chunk in flight, write it, print the summary (a signal before the command has started makes it
 * stop before its first chunk: 130, nothing decided, resumable). Second: stop now, still as an
 * interrupted run (130: resumable, as the README's table says); what is on disk is whole lines and
 * at most a cut last line, which --resume cuts, and the output locks go on exit.
 */
function takeSignals(): { readonly stop: AbortController; readonly onSignal: () => void } {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) {
      process.stderr.write('interrupted again: stopped at once; run the same command with --resume to continue\n');
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { stop, onSignal };
}

if (bin !== undefined) void runBin(bin.stop, bin.onSignal);

/** Runs the command line as the process: loads what it needs, runs `main`, exits with its code. */
async function runBin(stop: AbortController, onSignal: () => void): Promise<void> {
  try {
    const [{ processCliIo }, { cliHeapFlags }, { setFlagsFromString }, { CliExitCode }] = await Promise.all([
      import('./cliIo.js'),
      import('./cliHeapFlags.js'),
      import('node:v8'),
      import('./cliExitCode.js'),
    ]);
    // The heap policy of this process and of the worker processes it starts (cliHeapFlags.ts).
    const workerExecArgv = cliHeapFlags(process.execArgv, process.env.NODE_OPTIONS);
    for (const flag of workerExecArgv) setFlagsFromString(flag);
    let code: number;
    try {
      code = await main(process.argv.slice(2), {
        ...processCliIo,
        stderrIsTty: process.stderr.isTTY === true,
        stderrColumns: process.stderr.columns ?? 80,
        signal: stop.signal,
        workerExecArgv,
      });
    } catch (e) {
      process.stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = CliExitCode.failed;
      return;
    }
    process.exitCode = code;
    // The run is over and its code known: from now on a signal ends the process with that code.
    // The new listeners go on before the old come off and stay on to the end: while a signal has no
    // listener it has its default action, death by the signal (143 for SIGTERM, over a finished
    // run); a `once` listener came off as it fired, and the next SIGTERM killed the exiting process.
    const exitWithCode = () => process.exit(code);
    process.on('SIGINT', exitWithCode);
    process.on('SIGTERM', exitWithCode);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Exit now, not when the event loop runs dry: a library may keep it going after the command
    // is done (ioredis's reply parser shrinks its buffer on a 50 ms interval for 1-2 s after large
    // replies, so a finished `score --queue` lingered), and a natural exit drops the listeners
    // above before the process is gone.
    await stdioFlushed();
    process.exit(code);
  } catch (e) {
    // Loading the command line itself failed (a broken install): said, exit 1.
    process.stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}

/**
 * Resolves once what was written to stdout and stderr has been handed to the operating system, so
 * `process.exit` loses none of it (Node writes files, terminals and, on Linux, pipes at once; other
 * pipes may still hold some).
 */
function stdioFlushed(): Promise<unknown> {
  return Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => (stream.writableLength === 0 || stream.destroyed ? resolve() : stream.write('', () => resolve()))),
    ),
  );
}
