import { expect } from 'vitest';
import { MAX_ECHO_LENGTH } from '../../src/errors/truncateForMessage.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { baseApplicant } from './baseApplicant.js';

/** An applicant with an unknown key of `length` characters: the key is echoed cut, and the error stays small. */
export function expectKeyCut(length: number): void {
  const key = 'k'.repeat(length);
  const r = safeParseApplicant({ ...baseApplicant(), [key]: 1 });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const body = JSON.stringify(r.error.toJSON());
  expect(body.length).toBeLessThan(4096);
  expect(r.error.message.length).toBeLessThan(1024);
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_key');
  expect(String(issue?.path[0])).toMatch(new RegExp(`^k{${MAX_ECHO_LENGTH}}… \\(${length} characters\\)$`));
  expect(issue?.message).toContain(`(${length} characters)`);
}
