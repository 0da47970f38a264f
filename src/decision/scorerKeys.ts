import { createHmac } from 'node:crypto';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { AuditKeys } from './audit.js';

/** Shortest lender key accepted: 256 bits, the HMAC-SHA-256 block strength. */
export const MIN_KEY_BYTES = 32;

/** The key options {@link resolveScorerKeys} reads, as `createScorer` and `verifyDecision` take them. */
export interface KeyOptions {
  readonly signingKey?: string | Uint8Array;
  readonly personalDataKey?: string | Uint8Array;
  readonly verificationKeys?: readonly (string | Uint8Array)[];
}

type Path = readonly (string | number)[];

/** A key's bytes (a string as UTF-8), or the issue that refuses it. */
function keyBytes(key: unknown, path: Path, issues: ValidationIssue[]): Uint8Array | null {
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key instanceof Uint8Array ? key : null;
  if (bytes === null || bytes.length < MIN_KEY_BYTES) {
    const name = path.join('.');
    issues.push({ path: [...path], code: 'invalid_key', message: `${name} must be a string or Uint8Array of at least ${MIN_KEY_BYTES} bytes` });
    return null;
  }
  return bytes;
}

/**
 * An option given by name with the value `undefined`: what `{ signingKey: process.env.KEY }` passes
 * when the variable is not set. Left out, an option means "none"; given as undefined it is a
 * configuration slip, and deciding unsigned (or verifying nothing) without a word is what it must not do.
 */
function givenUndefined(options: object, name: string, at: Path, issues: ValidationIssue[]): boolean {
  if (!Object.hasOwn(options, name) || (options as Record<string, unknown>)[name] !== undefined) return false;
  issues.push({
    path: [...at, name],
    code: 'invalid_key',
    message: `${name} is given but undefined (an environment variable that is not set?): give the key, or leave the option out`,
  });
  return true;
}

/**
 * The lender's keys from `signingKey`, `personalDataKey` and `verificationKeys`, or every issue
 * that refuses them: a key shorter than 32 bytes or not a string or bytes, a key option given as
 * `undefined`, verification keys that are not an array of keys, verification keys without a
 * signing key (they verify priors signed before a rotation; new decisions are signed with
 * `signingKey`) and, when `needPersonalDataKey` (a scorer), verification keys without a
 * `personalDataKey` (the one derived from `signingKey` would change with the rotation, and stored
 * decisions would no longer match their customers).
 */
export function keyIssues(options: KeyOptions, at: Path, scorer: boolean): { readonly keys: AuditKeys; readonly issues: readonly ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const read = (name: 'signingKey' | 'personalDataKey'): Uint8Array | null => {
    if (givenUndefined(options, name, at, issues)) return null;
    const key = options[name];
    return key === undefined ? null : keyBytes(key, [...at, name], issues);
  };
  const signing = read('signingKey');
  const given = read('personalDataKey');
  const verification: Uint8Array[] = [];
  const list: unknown = options.verificationKeys;
  if (!givenUndefined(options, 'verificationKeys', at, issues) && list !== undefined) {
    if (!Array.isArray(list)) {
      issues.push({
        path: [...at, 'verificationKeys'],
        code: 'invalid_type',
        message: 'verificationKeys must be an array of earlier signing keys',
        expected: 'array',
      });
    } else {
      list.forEach((k, i) => {
        const bytes = keyBytes(k, [...at, 'verificationKeys', i], issues);
        if (bytes !== null) verification.push(bytes);
      });
      if (scorer && list.length > 0 && options.signingKey === undefined) {
        issues.push({
          path: [...at, 'verificationKeys'],
          code: 'invalid_key',
          message:
            'verificationKeys are signing keys used before a rotation: give signingKey too (the key new decisions are signed with), or leave verificationKeys out',
        });
      }
      if (scorer && list.length > 0 && options.personalDataKey === undefined) {
        issues.push({
          path: [...at, 'personalDataKey'],
          code: 'invalid_key',
          message:
            "required with verificationKeys: without it the personal-data key is derived from signingKey, so a rotated signing key would change every decision's subject and input hashes and stored decisions would no longer match their customers; give the personal-data key your decisions were made under (derived from your first signing key: README, 'Key rotation')",
        });
      }
    }
  }
  const personalData = given ?? (signing === null ? null : derivedPersonalDataKey(signing));
  return { keys: { signing, personalData, ...(verification.length === 0 ? {} : { verification }) }, issues };
}

/** The personal-data key a signing key stands for when none is given: an HMAC of a fixed label, so one secret serves both. */
export function derivedPersonalDataKey(signing: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', signing).update('creditlift/personal-data-key').digest());
}

/**
 * The scorer's keys (see {@link keyIssues}): a personal-data key given, or derived from the
 * signing key so one secret serves both.
 *
 * @throws ValidationError (subject `ScorerOptions`) naming every key option at fault
 */
export function resolveScorerKeys(options: KeyOptions): AuditKeys {
  const { keys, issues } = keyIssues(options, [], true);
  if (issues.length > 0) throw new ValidationError('ScorerOptions', issues);
  return keys;
}
