// A kind spec holding a getter that throws reached the caller as the caller's own Error (F84 noticed):
// resolveCatalog, createScorer's catalog Map and catalogOf handed the kinds to zod as they were. Now
// the kinds are read once as plain data: `unreadable_input` at the getter's path, with every other
// fault, under catalog_invalid.
import { describe, expect, it } from 'vitest';
import { defaultCertificateKinds } from '../../src/catalog/defaultCertificateKinds.js';
import { catalogOf, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

/** The first default kind with `key` read through a getter that throws, and its signal weight refused too. */
function unreadable(key: string): Record<string, unknown> {
  const kind: Record<string, unknown> = { ...defaultCertificateKinds[0], signalWeight: 'high' };
  Object.defineProperty(kind, key, {
    enumerable: true,
    get() {
      throw new Error('the caller’s own error');
    },
  });
  return kind;
}
const issuesOf = (f: () => unknown) => {
  const e = validationErrorOf(f);
  expect(e.code).toBe('catalog_invalid');
  return e.issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('a kind spec that cannot be read is a typed catalog error at its path', () => {
  it('resolveCatalog', () => {
    // Every fault is named: the getter's, and the signal weight's beside it.
    expect(issuesOf(() => resolveCatalog([unreadable('id')] as never))).toEqual(['0.id:unreadable_input', '0.signalWeight:invalid_type']);
    expect(issuesOf(() => resolveCatalog([unreadable('scale')] as never))).toEqual(['0.scale:unreadable_input', '0.signalWeight:invalid_type']);
  });

  it('a hand-built Map (as createScorer and assessEvidence read it)', () => {
    const kind = unreadable('verificationMethods');
    expect(issuesOf(() => catalogOf(new Map([['k', kind]]) as never))).toContain('0.verificationMethods:unreadable_input');
  });
});
