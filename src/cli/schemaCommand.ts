import { decisionJsonSchema } from '../decision/decision.js';
import { certificateKindSpecJsonSchema } from '../catalog/certificateKindSpecJsonSchema.js';
import { applicantJsonSchema, certificateEvidenceJsonSchema } from '../schema/jsonSchema.js';
import { applicantServiceJsonSchema, certificateEvidenceServiceJsonSchema } from '../schema/serviceJsonSchema.js';
import { decisionServiceJsonSchema } from '../service/decisionServiceJsonSchema.js';
import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { reportCliError } from './reportCliError.js';

/** Help text of `creditlift schema`. */
export const SCHEMA_USAGE = `Usage: creditlift schema [applicant|evidence|catalog-kind|decision] [--service]
       creditlift schema --decision [--service]

Prints a JSON Schema (draft 2020-12) of an input: the applicant (default) that "decide",
"suggest" and "score" take, one certificate evidence item, or a catalog kind spec; or of the
output: a Decision as the library writes it (what "reassess" accepts as a prior). Cross-field
rules (dates in order, at most 50 evidence items, the audit seal...) are checked by the library,
not the schema.

      --decision             the Decision output schema (same as "schema decision")
      --service              the draft-07 variant for services validating with ajv as fastify
                             does (applicant, evidence, decision): strict under fastify's ajv
                             defaults, so an unknown key or a coercible value is refused
  -h, --help                 show this help
`;

const SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
  applicant: applicantJsonSchema,
  evidence: certificateEvidenceJsonSchema,
  'catalog-kind': certificateKindSpecJsonSchema,
  decision: decisionJsonSchema,
};

// Draft-07 schemas strict under fastify's ajv defaults (no removal of unknown keys, no coercion).
const SERVICE_SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
  applicant: applicantServiceJsonSchema,
  evidence: certificateEvidenceServiceJsonSchema,
  decision: decisionServiceJsonSchema,
};

/** `creditlift schema`: the JSON Schema of an input on stdout. Never throws. */
export function runSchemaCommand(argv: readonly string[], io: CliIo = processCliIo): number {
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      help: { type: 'boolean', short: 'h' },
      decision: { type: 'boolean' },
      service: { type: 'boolean' },
    } as const);
    if (values.help === true) {
      io.stdout(SCHEMA_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    if (values.decision === true && positionals.length > 0 && positionals[0] !== 'decision')
      throw new UsageError(`--decision and "${positionals[0]}" name two schemas: give one`);
    const name = values.decision === true ? 'decision' : (positionals[0] ?? 'applicant');
    const table = values.service === true ? SERVICE_SCHEMAS : SCHEMAS;
    const schema = table[name];
    if (schema === undefined)
      throw new UsageError(`unknown ${values.service === true ? 'service ' : ''}schema "${name}": expected ${Object.keys(table).join(', ')}`);
    io.stdout(`${JSON.stringify(schema(), null, 2)}\n`);
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, SCHEMA_USAGE);
  }
}
