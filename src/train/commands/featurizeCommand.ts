import { checkCommandArguments } from '../../commandLine/checkCommandArguments.js';
import { readOptionTextSync } from '../../cli/readOptionText.js';
import { writeFileSync } from 'node:fs';
import { readNdjsonRecords } from '../../cli/score/readNdjsonRecords.js';
import { splitLines } from '../../cli/score/splitLines.js';
import { openStreamInput } from '../../cli/score/streamInputBytes.js';
import { parseCommandArgs } from '../../commandLine/parseCommandArgs.js';
import { ExitCode, processIo, reportError, UsageError, type CommandIo } from '../../commandLine/commandIo.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import { loadFeatureSetModule } from '../../features/loadFeatureSetModule.js';
import { parseCsv } from '../dataset/parseCsv.js';
import { featurizeBook } from '../featurize/featurizeBook.js';
import { readCatalogFile } from '../../cli/readCatalogFile.js';
import { refuseOverwritingInputs } from '../../cli/refuseOverwritingInputs.js';
import { readPolicyFile } from '../../cli/readPolicyFile.js';
import { resolvePolicy, type PolicyOverrides } from '../../policy/resolvePolicy.js';
import { terminalText } from '../../text/terminalText.js';

/** Help text of `creditlift featurize`. */
export const FEATURIZE_USAGE = `Usage: creditlift featurize --in applicants.ndjson --outcomes outcomes.csv --target COL --out train.csv [options]

Writes the training matrix the scorer computes: every applicant validated, its evidence assessed
and every feature computed exactly as a live decision does, one CSV column per feature
(categories by name, missing values empty), then the outcome column. Train on it with
"creditlift train" and the model's features match the scorer's by construction.

Required:
  --in FILE.ndjson           applicants, one JSON object per line (as decide takes them)
  --outcomes FILE.csv        outcomes: an id column and the target column
  --target COL               outcome column, copied as the last column
  --out FILE.csv             where to write the matrix

Options:
  --id-column COL            id column of the outcomes, matched to applicant.id  (default id)
  --features MODULE          an ES module whose default export (or "features" export) is a
                             defineFeatureSet(...) of your own features and attributes
  --catalog FILE.json        your own certificate kinds (a JSON array of kind specs, as
                             "creditlift catalog --json" prints them, or {"kinds": [...],
                             "remove": [...]} taking default kinds out), assessed as the scorer
                             given the same catalog assesses them; without it an upload of a kind
                             the default catalog lacks counts as no evidence (a warning says so)
  --policy FILE.json         the policy overrides the scorer will run under (as "score --policy"
                             takes them, merged into the default policy): its jurisdiction's banned
                             data categories apply as in decisions, so an upload of banned data (a
                             creator follower count under eu-ccd2) is in no feature of its row (a
                             warning counts them by kind), and a feature of a banned category is
                             refused. Default: the default policy's cn-consumer-finance-2024
  -h, --help                 show this help

Every applicant must be valid and have exactly one outcome: otherwise nothing is written and
every problem is listed. Outcome rows without an applicant, certificate uploads of kinds the
catalog does not know, and uploads of data the jurisdiction bans (left out of the rows), are
reported as warnings. Ids are compared as written, not trimmed (as
"simulate" compares them): an outcome " app-1" is not applicant app-1, whose missing outcome then
names that line. Outcome values are copied as written: one with surrounding whitespace is refused
at its line, as train would refuse it.
`;

const OPTIONS = {
  in: { type: 'string' },
  outcomes: { type: 'string' },
  target: { type: 'string' },
  out: { type: 'string' },
  'id-column': { type: 'string' },
  features: { type: 'string' },
  catalog: { type: 'string' },
  policy: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function readApplicants(path: string): Promise<{ values: unknown[]; lines: number[] }> {
  const values: unknown[] = [];
  const lines: number[] = [];
  const issues: ValidationIssue[] = [];
  for await (const record of readNdjsonRecords(splitLines(openStreamInput(path).bytes))) {
    if (record.ok) {
      values.push(record.value);
      lines.push(record.line);
    } else if (issues.length < 100)
      issues.push({ path: ['applicants', record.line], code: record.error.issues?.[0]?.code ?? 'invalid', message: record.error.message });
  }
  if (issues.length > 0) throw new ValidationError('applicants', issues);
  return { values, lines };
}

/**
 * `creditlift featurize`: applicants (NDJSON) and outcomes (CSV) in, the training CSV out.
 * Returns the exit code (0 written, 1 data refused, 2 bad command line); never throws for what argv
 * says (argv that is not an array of strings, or `io` without `stdout` and `stderr`, is refused
 * with a ValidationError: there is nowhere to report to).
 *
 * @example
 * process.exitCode = await runFeaturizeCommand(['--in', 'applicants.ndjson', '--outcomes', 'outcomes.csv', '--target', 'defaulted', '--out', 'train.csv']);
 */
export async function runFeaturizeCommand(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  checkCommandArguments('runFeaturizeCommand', argv, io);
  try {
    const parsed = parseCommandArgs(argv, OPTIONS);
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const v = parsed.values;
    if (v.help === true) {
      io.stdout(FEATURIZE_USAGE);
      return ExitCode.ok;
    }
    const missing = (['in', 'outcomes', 'target', 'out'] as const).filter((k) => v[k] === undefined);
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
    refuseOverwritingInputs(
      [['--out', v.out]],
      [
        ['--in', v.in],
        ['--outcomes', v.outcomes],
        ['--features', v.features],
        ['--catalog', v.catalog],
        ['--policy', v.policy],
      ],
    );
    const features = v.features === undefined ? undefined : (await loadFeatureSetModule(v.features)).features;
    const catalog = v.catalog === undefined ? undefined : (await readCatalogFile(v.catalog)).catalog;
    // The scorer's policy, read as score reads it: only its jurisdiction shapes the rows.
    const policy = v.policy === undefined ? undefined : resolvePolicy((await readPolicyFile(v.policy)) as PolicyOverrides);
    const applicants = await readApplicants(v.in!);
    const book = featurizeBook(applicants.values, parseCsv(readOptionTextSync('--outcomes', v.outcomes!)), {
      idColumn: v['id-column'] ?? 'id',
      target: v.target!,
      lines: applicants.lines,
      ...(features === undefined ? {} : { features }),
      ...(catalog === undefined ? {} : { catalog }),
      ...(policy === undefined ? {} : { jurisdiction: policy.jurisdiction }),
    });
    writeFileSync(v.out!, book.csv);
    for (const w of book.warnings) io.stderr(`warning: ${terminalText(w)}\n`);
    const values = [...new Set(book.outcomes)].sort();
    io.stdout(
      `wrote ${book.nRows} rows x ${book.featureNames.length} features and "${v.target}" to ${v.out}\n` +
        `next: creditlift train --data ${v.out} --target ${v.target} --positive ${values.length === 2 ? '<one of ' + values.join(' / ') + '>' : 'VALUE'} --out model ${book.trainArgs.join(' ')}\n`,
    );
    return ExitCode.ok;
  } catch (e) {
    return reportError(e, io, FEATURIZE_USAGE);
  }
}
