import { refuseArguments, typeIssue } from '../errors/argumentIssues.js';

/**
 * The key two merchant names are matched by: Unicode NFKC (full-width and half-width forms agree),
 * trimmed, inner whitespace collapsed, lower case. "ＫＦＣ " and "kfc" are the same merchant.
 *
 * @throws ValidationError (subject `merchantKey`) naming `name` when it is not text
 */
export function merchantKey(name: string): string {
  if (typeof name !== 'string') refuseArguments('merchantKey', [typeIssue(['name'], name, 'string', "the merchant's name")]);
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
