import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { PolicyInvalidError } from '../policy/policyInvalidError.js';
import { withoutByteOrderMark } from '../text/withoutByteOrderMark.js';
import { readOptionText } from './readOptionText.js';

/**
 * Reads a `--policy` file (or the file another option names, `--candidate-policy`) as JSON, refusing what JSON.parse would settle silently: a key written
 * twice in one object keeps only its last value (a lender's 18% cap overwritten by 24%), so every
 * repeat is a `duplicate_key` issue of one {@link PolicyInvalidError}, naming the file. Validating
 * the overrides stays with the scorer (`resolvePolicy`).
 *
 * @throws PolicyInvalidError (`policy_invalid`) for repeated keys; CreditliftError `policy_invalid` for text that is not JSON; OptionFileError naming `option` for a file that cannot be read, is not UTF-8 or is a stream past 12 MiB
 */
export async function readPolicyFile(path: string, option = '--policy'): Promise<unknown> {
  const raw = await readOptionText(option, path);
  // A byte-order mark is how some editors save UTF-8; it is not part of the JSON text.
  const text = withoutByteOrderMark(raw);
  const read = parseStrictJson(text);
  if (read.ok) return read.value;
  const [first] = read.issues;
  if (read.issues.length === 1 && first?.code === 'invalid_json') throw new CreditliftError('policy_invalid', `${path}: ${first.message}`);
  throw new PolicyInvalidError(
    new ValidationError(
      'PolicyConfig',
      read.issues.map((i) => ({ ...i, message: `${path}: ${i.message}` })),
    ),
  );
}
