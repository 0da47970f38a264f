import type { z } from 'zod';
import { type ValidationIssue, validationIssuesFromZod } from '../errors/validationError.js';
import { isBlockedPath, readPlainData } from './readPlainData.js';

/**
 * Options a schema defines, read once as plain data (readPlainData) and then parsed by the schema,
 * as an applicant is: a getter that throws, a revoked Proxy or one whose keys cannot be listed is
 * `unreadable_input` at its own path (paths under `at`), with every other fault the schema finds,
 * and the schema parses the copy, so no option is read twice. Handed to zod directly, such options
 * threw the caller's own Error, or node's TypeError, out of the call.
 */
export function readSchemaOptions<S extends z.ZodType>(
  options: unknown,
  schema: S,
  at: readonly (string | number)[] = [],
): { readonly ok: true; readonly data: z.output<S> } | { readonly ok: false; readonly issues: ValidationIssue[] } {
  const read = readPlainData(options);
  const parsed = schema.safeParse(read.value);
  if (parsed.success && read.issues.length === 0) return { ok: true, data: parsed.data };
  const found = [...read.issues, ...(parsed.success ? [] : validationIssuesFromZod(parsed.error).filter((i) => !isBlockedPath(i.path, read.blocked)))];
  return { ok: false, issues: found.map((i) => ({ ...i, path: [...at, ...i.path] })) };
}
