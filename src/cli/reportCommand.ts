import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { accumulateDecisionLine } from '../report/accumulateDecisionLine.js';
import { buildReportHtml } from '../report/buildReportHtml.js';
import { createReportAccumulator } from '../report/reportData.js';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { averageCostAlertOf } from './score/averageCostAlert.js';
import { splitLines } from './score/splitLines.js';

/** Help text of `creditlift report`. */
export const REPORT_USAGE = `Usage: creditlift report DECISIONS.ndjson --out report.html [--title TEXT]

Reads decisions (the output of "creditlift score", or one Decision JSON per line) and writes one
self-contained HTML file: inline SVG charts and CSS, no script and no external asset, so it opens
offline. Charts: outcome shares, limit and PD distributions by grade, decisions by grade, what set
the limit (binding constraints), the limit uplift by certificate kind, the principal reasons and
the rejections by error code.

  --out FILE.html            where to write the report
  --title TEXT               page title (default "creditlift portfolio report")
  --policy FILE.json         the policy the decisions were made under: its
                             pricing.averageCostAlertAbove flags the average comprehensive cost of
                             new lines (default 20%)
  -h, --help                 show this help
`;

const OPTIONS = { out: { type: 'string' }, title: { type: 'string' }, policy: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** `creditlift report`: a decisions file in, one offline HTML report out. Resolves to the exit code; never rejects. */
export async function runReportCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(REPORT_USAGE);
      return CliExitCode.ok;
    }
    const [file, ...more] = positionals;
    if (file === undefined) throw new UsageError('missing DECISIONS.ndjson');
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    if (values.out === undefined) throw new UsageError('missing --out');
    const acc = createReportAccumulator();
    // Streamed: only the aggregates (two numbers per decision) are held, never the decisions.
    for await (const { text } of splitLines(createReadStream(file, { encoding: 'utf8' }))) accumulateDecisionLine(acc, text);
    const data = acc.finish();
    const averageCostAlertAbove = await averageCostAlertOf({ policy: values.policy });
    await writeFile(
      values.out,
      buildReportHtml(data, { source: basename(file), averageCostAlertAbove, ...(values.title === undefined ? {} : { title: values.title }) }),
    );
    io.stdout(
      `report of ${data.decisions.toLocaleString('en-US')} decisions (${data.rejected.toLocaleString('en-US')} rejected, ${data.unreadable.toLocaleString('en-US')} unreadable lines) written to ${values.out}\n`,
    );
    return CliExitCode.ok;
  } catch (e) {
    return reportError(e, io, REPORT_USAGE);
  }
}
