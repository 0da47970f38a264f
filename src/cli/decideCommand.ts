import { parseApplicant } from '../schema/parseApplicant.js';
import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { openScorer } from './openScorer.js';
import { SCORER_ARG_OPTIONS, SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { readJsonInput } from './readJsonInput.js';
import { reportCliError } from './reportCliError.js';
import { summarizeDecision } from './summarizeDecision.js';

/** Help text of `creditlift decide`. */
export const DECIDE_USAGE = `Usage: creditlift decide FILE.json [options]

Decides one applicant (JSON, see "creditlift schema"; "-" reads standard input) and prints the
Decision as JSON on stdout.

${SCORER_OPTIONS_HELP}
  --summary                  print a readable summary instead of JSON
  --compact                  one-line JSON
  -h, --help                 show this help

Exit codes: 0 decided, 3 the applicant was rejected (every field at fault on stderr),
1 failure (file, model or policy unusable), 2 usage.
`;

const OPTIONS = { ...SCORER_ARG_OPTIONS, summary: { type: 'boolean' }, compact: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `creditlift decide FILE.json`: one applicant in, one Decision out. Resolves to the exit code; never rejects. */
export async function runDecideCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(DECIDE_USAGE);
      return CliExitCode.ok;
    }
    const [file, ...more] = positionals;
    if (file === undefined) throw new UsageError('missing FILE.json (use "-" for standard input)');
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    const applicant = await readJsonInput(file, io);
    const scorer = await openScorer(values);
    try {
      const decision = await scorer.decide(parseApplicant(applicant));
      io.stdout(values.summary === true ? `${summarizeDecision(decision)}\n` : `${JSON.stringify(decision, null, values.compact === true ? undefined : 2)}\n`);
    } finally {
      await scorer.close();
    }
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, DECIDE_USAGE);
  }
}
