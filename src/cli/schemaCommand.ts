import { certificateKindSpecJsonSchema } from '../catalog/certificateKindSpecJsonSchema.js';
import { applicantJsonSchema, certificateEvidenceJsonSchema } from '../schema/jsonSchema.js';
import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { reportCliError } from './reportCliError.js';

/** Help text of `creditlift schema`. */
export const SCHEMA_USAGE = `Usage: creditlift schema [applicant|evidence|catalog-kind]

Prints a JSON Schema (draft 2020-12) of an input: the applicant (default) that "decide",
"suggest" and "score" take, one certificate evidence item, or a catalog kind spec. Cross-field
rules (dates in order, at most 50 evidence items...) are checked by the library, not the schema.

  -h, --help                 show this help
`;

const SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
  applicant: applicantJsonSchema,
  evidence: certificateEvidenceJsonSchema,
  'catalog-kind': certificateKindSpecJsonSchema,
};

/** `creditlift schema`: the JSON Schema of an input on stdout. Never throws. */
export function runSchemaCommand(argv: readonly string[], io: CliIo = processCliIo): number {
  try {
    const { values, positionals } = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const);
    if (values.help === true) {
      io.stdout(SCHEMA_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const name = positionals[0] ?? 'applicant';
    const schema = SCHEMAS[name];
    if (schema === undefined) throw new UsageError(`unknown schema "${name}": expected ${Object.keys(SCHEMAS).join(', ')}`);
    io.stdout(`${JSON.stringify(schema(), null, 2)}\n`);
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, SCHEMA_USAGE);
  }
}
