import { createScorer } from '../decision/createScorer.js';
import { exampleApplicants, exampleUploadStep } from '../examples/exampleApplicants.js';
import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { reportCliError } from './reportCliError.js';
import { demoStory } from './demoStory.js';
import { demoScreen } from './demoScreen.js';

/** Usage of `creditlift demo`. */
export const DEMO_USAGE = `Usage: creditlift demo [--json]

Tells the product's story on the embedded default model, one screen per example applicant
(creditlift/examples): the first decision; the upload of a certificate and the reassessment at
once, with the movement (from, to, what the certificate added and why, or why not); the factors
with their legend (+ raises risk); the principal reasons in English and Chinese; and the budget
assistant's view. Then the steering wheel: a customer lowers her own limit, later decisions keep
it, and the budget assistant offers a lower limit after months over budget.

  --json                     print NDJSON instead: per example, the first decision and the reassessment
  -h, --help                 show this help
`;

/** `creditlift demo`: the main job on the embedded default model. */
export async function runDemoCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const);
    if (values.help === true) {
      io.stdout(DEMO_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const json = values.json === true;
    const scorer = await createScorer();
    try {
      if (!json)
        io.stdout(
          `creditlift demo: model ${scorer.model.id} (sha256 ${scorer.model.sha256.slice(0, 12)}...), policy ${scorer.policy.name} ${scorer.policy.version}\n\n`,
        );
      let n = 0;
      for (const example of exampleApplicants) {
        // Its standard output is all demo makes: once its reader has gone (| head -1), no one reads the rest.
        if (io.stdoutLost?.aborted === true) return CliExitCode.ok;
        const { before, certificate } = exampleUploadStep(example);
        const first = await scorer.decide(before);
        const reassessed = await scorer.reassess(first, { applicant: before, evidence: [certificate] });
        if (json) io.stdout(`${JSON.stringify({ segment: example.segment, decision: first, reassessed })}\n`);
        else io.stdout(`${demoScreen(++n, exampleApplicants.length, example, certificate, first, reassessed, scorer.policy.limits).join('\n')}\n\n`);
      }
      if (!json && io.stdoutLost?.aborted !== true) io.stdout(`${(await demoStory(scorer)).join('\n')}\n`);
    } finally {
      await scorer.close();
    }
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, DEMO_USAGE);
  }
}
