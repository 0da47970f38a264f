/**
 * The `creditlift` command line. Each command lives in its own module, loaded only when asked
 * for, so `creditlift --help` does not pay for loading the ONNX runtime. The executable is
 * `bin.ts`, which takes the signals before it loads this file.
 */
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { terminalText } from '../text/terminalText.js';

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
  verify: {
    summary: 'check the seal (content hash, signature) of every decision in a file, deciding nothing',
    load: async () => (await import('./verifyCommand.js')).runVerifyCommand,
  },
  catalog: { summary: 'the certificate catalog (table or --json)', load: async () => (await import('./catalogCommand.js')).runCatalogCommand },
  schema: { summary: 'JSON Schema of the inputs', load: async () => (await import('./schemaCommand.js')).runSchemaCommand },
  train: {
    summary: 'train a gradient-boosted-tree model from a CSV file into ONNX, with its model card',
    load: async () => (await import('../train/commands/trainCommand.js')).runTrainCommand,
  },
  featurize: {
    summary: 'applicants (NDJSON) and outcomes (CSV) into the exact training matrix the scorer computes',
    load: async () => (await import('../train/commands/featurizeCommand.js')).runFeaturizeCommand,
  },
  model: {
    summary: "import an XGBoost or LightGBM ONNX model (model import), print a model folder's card (model card)",
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

Run "creditlift <command> --help" for a command's options. A number an option takes (N, X, S, MS)
is written in decimal digits (16, 0.05): hexadecimal, exponents, signs, spaces around it and
leading zeros are refused, naming the option.
Exit codes: 0 success, 1 failure, 2 usage, 3 some input records rejected, 4 some records left
undecided by a runtime failure (score, simulate) or a figure in the act band (monitor), 130 interrupted,
141 standard output closed by its reader before the end (| head), said nowhere.
`;
}

/** Runs the command line with `argv` (the arguments after the program name); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainUsage());
    return name === undefined ? CliExitCode.usage : CliExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${(await import('../version.js')).ENGINE_VERSION}\n`);
    return CliExitCode.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr(`error: unknown command "${terminalText(name)}"\n\n${mainUsage()}`);
    return CliExitCode.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (e) {
    io.stderr(`error: ${terminalText(e instanceof Error ? e.message : String(e), { keepLineBreaks: true })}\n`);
    return CliExitCode.failed;
  }
}
