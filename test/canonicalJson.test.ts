import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAudit, NO_AUDIT_KEYS } from '../src/decision/audit.js';
import { canonicalJson } from '../src/hashing/canonicalJson.js';

describe('canonicalJson', () => {
  it('law: key order never changes the bytes, and the value round-trips', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('buildAudit', () => {
  const parts = {
    applicantId: 'a1',
    asOf: '2026-11-01',
    modelId: 'm@1',
    modelSha256: 'x',
    policyHash: 'p',
    catalogHash: 'c',
    engineVersion: '0.1.0',
    kind: 'decide' as const,
    subject: 'f'.repeat(64),
  };
  it('gives the same id for the same inputs and a different one when any input changes', () => {
    const a = buildAudit({ ...parts, inputJson: canonicalJson({ b: 1, a: 2 }) }, NO_AUDIT_KEYS);
    expect(buildAudit({ ...parts, inputJson: canonicalJson({ a: 2, b: 1 }) }, NO_AUDIT_KEYS).decisionId).toBe(a.decisionId);
    expect(buildAudit({ ...parts, inputJson: canonicalJson({ a: 2, b: 2 }) }, NO_AUDIT_KEYS).decisionId).not.toBe(a.decisionId);
    expect(buildAudit({ ...parts, policyHash: 'q', inputJson: canonicalJson({ a: 2, b: 1 }) }, NO_AUDIT_KEYS).decisionId).not.toBe(a.decisionId);
    expect(JSON.stringify(a)).not.toContain('"b"');
  });
});
