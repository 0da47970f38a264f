import { UsageError } from '../commandLine/commandIo.js';
import { adverseActionNotice, renderAdverseActionNotice } from '../decision/adverseActionNotice.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { openScorer } from './openScorer.js';
import { SCORER_ARG_OPTIONS, SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { DECISION_FILE_HELP, onDecisionFile, readDecisionFile } from './decisionFile.js';
import { reportCliError } from './reportCliError.js';
import { asApplicantData } from './applicantDataError.js';
import { summarizeDecision } from './summarizeDecision.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import { unknownKindsWarning } from './unknownKindsWarning.js';
import { terminalText } from '../text/terminalText.js';

/** Help text of `creditlift decide`. */
export const DECIDE_USAGE = `Usage: creditlift decide FILE.json [options]

Decides one applicant and prints the Decision as JSON on stdout.

${DECISION_FILE_HELP}

${SCORER_OPTIONS_HELP}
  --summary                  print a readable summary instead of JSON; its "Would raise it" line
                             previews deciding again with each certificate, as "creditlift suggest";
                             the decision it summarises carries no upload previews of its own (made
                             with suggestions: 0, so its audit id is not the JSON's)
  --notice                   print the adverse-action notice (principal reasons, data used, how to
                             ask for a human review) in English and Chinese instead of the Decision
  --notice-format FORMAT     text (default) or json
  --compact                  one-line JSON
  -h, --help                 show this help

Exit codes: 0 decided, 3 the applicant (or its ledger) was rejected (every field at fault on stderr),
1 failure (a file, the model, the policy, the catalog, the features module or a key file unusable: the
option is named; never 3, whatever the error's code), 2 usage, 141 stdout closed by its reader (| head).
`;

/** How many previews `--summary` shows: as many as a decision carries by default. */
const SUMMARY_PREVIEWS = 3;

const OPTIONS = {
  ...SCORER_ARG_OPTIONS,
  summary: { type: 'boolean' },
  notice: { type: 'boolean' },
  'notice-format': { type: 'string' },
  compact: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

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
    const noticeFormat = values['notice-format'] ?? 'text';
    if (noticeFormat !== 'text' && noticeFormat !== 'json') throw new UsageError(`--notice-format must be text or json, got "${noticeFormat}"`);
    if (values['notice-format'] !== undefined && values.notice !== true) throw new UsageError('--notice-format needs --notice');
    // The applicant's file is read and decided apart from the options: only its refusal exits 3.
    const input = await asApplicantData(() => readDecisionFile(file, io));
    const scorer = await openScorer(values);
    try {
      // The summary shows suggest's previews, never the decision's own (of an upload to it): decided
      // without them, the what-ifs are scored once.
      const ownPreviews = values.summary === true && values.notice !== true ? { suggestions: 0 } : {};
      const decision = await asApplicantData(() =>
        onDecisionFile(input, scorer, (applicant, options) => scorer.decide(applicant, { ...options, ...ownPreviews })),
      );
      const unknownKinds = createUnknownKindTally();
      unknownKinds.addAssessed(decision.evidence);
      io.stderr(unknownKindsWarning(unknownKinds, `the decision of ${decision.applicantId}`));
      if (values.notice === true) {
        const notice = adverseActionNotice(decision, { roundingStep: scorer.policy.limits.roundingStep });
        io.stdout(
          noticeFormat === 'json'
            ? `${JSON.stringify(notice, null, values.compact === true ? undefined : 2)}\n`
            : terminalText(`${renderAdverseActionNotice(notice, 'en')}\n${renderAdverseActionNotice(notice, 'zhHans')}`, { keepLineBreaks: true }),
        );
      } else if (values.summary === true) {
        // The CLI has no command that uploads to a decision: the summary previews deciding again, the
        // path a user takes with the certificate, as `creditlift suggest --top 3` does.
        const previews = await asApplicantData(() =>
          onDecisionFile(input, scorer, (applicant, options) => scorer.suggest(applicant, { ...options, top: SUMMARY_PREVIEWS })),
        );
        io.stdout(`${summarizeDecision(decision, previews)}\n`);
      } else {
        io.stdout(`${JSON.stringify(decision, null, values.compact === true ? undefined : 2)}\n`);
      }
    } finally {
      await scorer.close();
    }
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, DECIDE_USAGE);
  }
}
