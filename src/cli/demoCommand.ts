import { createScorer } from '../decision/createScorer.js';
import { exampleApplicants } from '../examples/exampleApplicants.js';
import type { CommandIo } from '../train/commands/commandIo.js';
import { summarizeDecision } from './summarizeDecision.js';

/** Usage of `creditlift demo`. */
export const DEMO_USAGE = `Usage: creditlift demo [--json]

Decides every example applicant (creditlift/examples) on the embedded default model and prints a
readable summary of each: outcome, limit, price, affordability, evidence, factors, reasons and the
certificates that would raise the limit. --json prints the full decisions as NDJSON instead.`;

/** `creditlift demo`: the main job on the embedded default model. */
export async function runDemoCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${DEMO_USAGE}\n`);
    return 0;
  }
  const json = argv.includes('--json');
  const scorer = await createScorer();
  try {
    if (!json) io.stdout(`creditlift demo: model ${scorer.model.id} (sha256 ${scorer.model.sha256.slice(0, 12)}...), policy ${scorer.policy.name} ${scorer.policy.version}\n\n`);
    for (const example of exampleApplicants) {
      const decision = await scorer.decide(example.applicant);
      if (json) io.stdout(`${JSON.stringify({ segment: example.segment, decision })}\n`);
      else io.stdout(`${example.segment}: ${example.story}\n${summarizeDecision(decision)}\n\n`);
    }
  } finally {
    await scorer.close();
  }
  return 0;
}
