// Child-process entry of the decision stream (see streamDecisions): reads its options from argv as
// JSON and prints the result as one JSON line, so the parent's own memory never counts.
import { streamDecisions, type StreamOptions } from './streamDecisions.js';

const options = JSON.parse(process.argv[2] ?? '{}') as StreamOptions;
streamDecisions(options).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
