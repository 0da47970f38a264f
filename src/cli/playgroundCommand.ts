import { UsageError } from '../commandLine/commandIo.js';
import { intOption } from '../commandLine/intOption.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { servePlayground } from '../playground/servePlayground.js';
import { scorerOptionsWithFeaturesFrom } from './openScorer.js';
import { SCORER_ARG_OPTIONS, SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { CliExitCode } from './cliExitCode.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { reportCliError } from './reportCliError.js';

/** Usage of `creditlift playground`. */
export const PLAYGROUND_USAGE = `Usage: creditlift playground [--port N] [options]

Serves a local web page on 127.0.0.1 (nothing leaves this computer; no external assets) where
you pick an example or edit an applicant, add and remove certificates from the catalog, set a
budget and your own cap, and see the decision at once: limit and binding constraint, APR and
daily rate, the factor waterfall, principal reasons in English and Chinese, each certificate's
impact, what-if suggestions, affordability checks and the budget assistant. The page names the
model, policy and catalog it decides with and their fingerprints (as decisions record them).
Ctrl-C stops it.

  --port N                   port on 127.0.0.1 (default 8787; 0 picks a free one)

The page decides with the model, policy, catalog, features and keys these options give, each read
by the code "creditlift decide" reads it with (the same errors and exit statuses):
${SCORER_OPTIONS_HELP}

Under --catalog the page offers and builds the kinds of that catalog (less any its jurisdiction
bans), and a default kind it removes is not offered; an example's certificate the catalog does not
count as written (its kind missing or banned, its result off the kind's scale, its verification
method not taken) is left out of the example and its story, and the page names it. Under
--features the examples carry no lender attributes: add them in the applicant's JSON.

  -h, --help                 show this help

Exit codes: 0 stopped, 1 failure (a file, the model, the policy, the catalog, the features module or
a key file unusable: the option is named; nothing is served), 2 usage.
`;

/** `creditlift playground`: serves the page until interrupted. */
export async function runPlaygroundCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: 'string' },
      ...SCORER_ARG_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    } as const);
    if (values.help === true) {
      io.stdout(PLAYGROUND_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = intOption(values.port, 'port', 8787, 65_535, 0);
    // Read by decide's own code, naming the option, before anything listens; the model is loaded and
    // the policy validated by servePlayground's createScorer, as by decide's, before it listens.
    const scorer = await scorerOptionsWithFeaturesFrom(values);
    const playground = await servePlayground({ port, scorer });
    io.stdout(`creditlift playground: ${playground.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      if (io.signal === undefined || io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await playground.close();
    io.stdout('creditlift playground: stopped\n');
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, PLAYGROUND_USAGE);
  }
}
