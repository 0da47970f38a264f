import { createScorer } from '../decision/createScorer.js';
import { exampleApplicants } from '../examples/exampleApplicants.js';
import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { reportCliError } from './reportCliError.js';
import { demoStory } from './demoStory.js';
import { summarizeDecision } from './summarizeDecision.js';

/** Usage of `creditlift demo`. */
export const DEMO_USAGE = `Usage: creditlift demo [--json]

Decides every example applicant (creditlift/examples) on the embedded default model and prints a
readable summary of each: outcome, limit, price, affordability, evidence, factors, reasons and the
certificates that would raise the limit. Then it walks one applicant through the interactive
loop: a what-if preview, a certificate upload re-decided in real time, a self-requested reduction
that later decisions keep, and the budget assistant's lower-limit offer.

  --json                     print the full decisions as NDJSON instead
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
      if (!json) io.stdout(`creditlift demo: model ${scorer.model.id} (sha256 ${scorer.model.sha256.slice(0, 12)}...), policy ${scorer.policy.name} ${scorer.policy.version}\n\n`);
      for (const example of exampleApplicants) {
        const decision = await scorer.decide(example.applicant);
        if (json) io.stdout(`${JSON.stringify({ segment: example.segment, decision })}\n`);
        else io.stdout(`${example.segment}: ${example.story}\n${summarizeDecision(decision)}\n\n`);
      }
      if (!json) io.stdout(`${(await demoStory(scorer)).join('\n')}\n`);
    } finally {
      await scorer.close();
    }
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, DEMO_USAGE);
  }
}
