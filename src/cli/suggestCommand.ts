import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { formatRmb } from '../report/formatMoney.js';
import { WHAT_IF_CONFIDENCE } from '../decision/hypotheticalEvidence.js';
import { formatTable } from './formatTable.js';
import { openScorer } from './openScorer.js';
import { SCORER_ARG_OPTIONS, SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { intOption } from '../commandLine/intOption.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { DECISION_FILE_HELP, onDecisionFile, readDecisionFile } from './decisionFile.js';
import { reportCliError } from './reportCliError.js';
import { asApplicantData } from './applicantDataError.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import { catalogOfArgs, unknownKindsWarning } from './unknownKindsWarning.js';
import { terminalText } from '../text/terminalText.js';
import type { CertificateKindSpec } from '../catalog/certificateKindSpec.js';
import { levelNames } from '../catalog/levelNames.js';

/** Help text of `creditlift suggest`. */
export const SUGGEST_USAGE = `Usage: creditlift suggest FILE.json [options]

Lists the catalog certificates the applicant does not hold yet, ranked by how much each would
raise the limit today if verified at a typical value (none while the step limits hold the line).

${DECISION_FILE_HELP}

  --top N                    how many to list, 1..100 (default 5)
  --json                     print the suggestions as JSON
${SCORER_OPTIONS_HELP}
  -h, --help                 show this help

Exit codes: 0 ok, 3 the applicant (or its ledger) was rejected, 1 failure (a file, the model, the
policy, the catalog, the features module or a key file unusable: the option is named; never 3), 2 usage,
141 stdout closed by its reader (| head).
`;

const OPTIONS = { ...SCORER_ARG_OPTIONS, top: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `creditlift suggest FILE.json`: which certificates would raise this applicant's limit. Never rejects. */
export async function runSuggestCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(SUGGEST_USAGE);
      return CliExitCode.ok;
    }
    const [file, ...more] = positionals;
    if (file === undefined) throw new UsageError('missing FILE.json (use "-" for standard input)');
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    const top = intOption(values.top, 'top', 5, 100);
    // The applicant's file is read and decided apart from the options: only its refusal exits 3.
    const input = await asApplicantData(() => readDecisionFile(file, io));
    const scorer = await openScorer(values);
    try {
      const s = await asApplicantData(() => onDecisionFile(input, scorer, (applicant, options) => scorer.suggest(applicant, { ...options, top })));
      // The suggestions are ranked on the decision as the catalog assesses the uploads: one of a kind it lacks counts for nothing.
      const unknownKinds = createUnknownKindTally();
      unknownKinds.addApplicant(input.applicant, await catalogOfArgs(values));
      io.stderr(unknownKindsWarning(unknownKinds, 'this applicant'));
      if (values.json === true) io.stdout(`${JSON.stringify(s, null, 2)}\n`);
      else if (s.items.length === 0)
        io.stdout(
          terminalText(
            `No certificate would raise this limit${s.blockedBy === null ? '' : ` (held by: ${s.blockedBy})`}.${s.note ? `\n${s.note.en}\n${s.note.zhHans}` : ''}\n`,
            {
              keepLineBreaks: true,
            },
          ),
        );
      else {
        const kinds = new Map(scorer.certificateKinds.map((k) => [k.id, k]));
        const rows = s.items.map((x, i) => [
          String(i + 1),
          x.kind,
          x.names.en,
          x.names.zhHans,
          assumedText(x.assumed, kinds.get(x.kind)),
          x.outcome === 'refer' ? `${formatRmb(x.limit)} (refer)` : formatRmb(x.limit),
          `+${formatRmb(x.limitGain)}`,
          `${(x.pd * 100).toFixed(2)}%`,
        ]);
        io.stdout(formatTable(['#', 'kind', 'certificate', '证书', 'assumed', 'limit', 'gain', 'PD'], rows));
        // What every preview assumes beside the result (each item's `assumption` says it for its kind).
        const issued = s.items[0]?.assumed.issueDate;
        if (issued !== undefined) {
          io.stdout(
            `Each limit is for a certificate issued on ${issued}, verified at confidence ${WHAT_IF_CONFIDENCE}; one issued earlier can count for less (--json: each item's assumption).\n` +
              `每项额度均按${issued}签发、核验置信度${WHAT_IF_CONFIDENCE}的证书估算；签发较早的证书作用可能较小（--json：见各项 assumption）。\n`,
          );
        }
      }
    } finally {
      await scorer.close();
    }
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, SUGGEST_USAGE);
  }
}

/** The result a preview assumes: a score, or a level by its names in both languages (its id is a code for uploads). */
function assumedText(a: { readonly score?: number | undefined; readonly level?: string | undefined }, spec: CertificateKindSpec | undefined): string {
  if (a.score !== undefined) return `score ${a.score}`;
  if (a.level === undefined) return 'held';
  const names = spec === undefined ? { en: a.level, zhHans: a.level } : levelNames(spec, a.level);
  return `${names.en} / ${names.zhHans}`;
}
