// Outside tester round 11, F8: both applicant JSON Schemas accepted a credentialId with control
// characters ("AB\u0007", "ab\tc"), one with no letter or digit ("\uFEFF", a lone surrogate,
// U+202E, U+2028) and `holder: {}`, which decide refuses. Each is a rule on one field or one object,
// which a pattern or minProperties expresses; only cross-field rules are left to the library.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { applicantJsonSchema } from '../../src/schema/jsonSchema.js';
import { applicantServiceJsonSchema } from '../../src/schema/serviceJsonSchema.js';
import { hasLetterOrDigit } from '../../src/text/credentialNumber.js';
import { fastifyAjv } from '../helpers/fastifyAjv.js';

const base = exampleApplicants.find((e) => (e.applicant.evidence ?? []).length > 0)!.applicant;
const service = fastifyAjv({ quiet: true }).compile(applicantServiceJsonSchema());
const ajv2020 = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv2020);
const document = ajv2020.compile(applicantJsonSchema());

const withEvidence = (change: (e: Record<string, unknown>) => void) => {
  const a = structuredClone(base) as unknown as { evidence: Record<string, unknown>[] };
  change(a.evidence[0]!);
  return a;
};

describe('applicant JSON Schemas: the single-field evidence rules decide keeps', () => {
  it('refuse what decide refuses: control characters, no letter or digit, an empty holder', async () => {
    const scorer = await createScorer({ suggestionsPerDecision: 0 });
    try {
      const cases: Record<string, (e: Record<string, unknown>) => void> = {
        bell: (e) => (e.credentialId = 'AB\u0007'),
        tab: (e) => (e.credentialId = 'ab\tc'),
        bom: (e) => (e.credentialId = '\uFEFF'),
        surrogate: (e) => (e.credentialId = 'AB\uD800'),
        rlo: (e) => (e.credentialId = '\u202E'),
        lineSeparator: (e) => (e.credentialId = '\u2028'),
        dashes: (e) => (e.credentialId = '--/ '),
        emptyHolder: (e) => (e.holder = {}),
        // findings16-text F2: names and issuers as credential numbers.
        holderNameNul: (e) => (e.holder = { name: '张三\u0000' }),
        holderNameSurrogate: (e) => (e.holder = { name: '张\uD800' }),
        holderNameNoLetter: (e) => (e.holder = { name: '·-·' }),
        issuerEscape: (e) => (e.issuer = 'ETS\u001b[31m'),
        issuerSurrogate: (e) => (e.issuer = '\uDC00ETS'),
      };
      for (const [label, change] of Object.entries(cases)) {
        const body = withEvidence(change);
        expect((await scorer.safeDecide(structuredClone(body))).ok, label).toBe(false);
        expect(service(structuredClone(body)), label).toBe(false);
        expect(document(structuredClone(body)), label).toBe(false);
      }
      // And still accept what decide accepts.
      for (const id of ['JS-JXJ-2025-0042', 'ＪＳ／ＪＸＪ', '㍱7', 'A\u200bB', '\u{1D400}1']) {
        const body = withEvidence((e) => (e.credentialId = id));
        expect((await scorer.safeDecide(structuredClone(body))).ok, id).toBe(true);
        expect(service(structuredClone(body)), id).toBe(true);
        expect(document(structuredClone(body)), id).toBe(true);
      }
    } finally {
      await scorer.close();
    }
  });

  it('law: the credentialId pattern never refuses a single character decide takes as a letter or digit', () => {
    const { pattern } = credentialIdLetterRule();
    const re = new RegExp(pattern, 'u');
    const refused: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (hasLetterOrDigit(c) && !re.test(c)) refused.push(cp.toString(16));
    }
    expect(refused).toEqual([]);
  });
});

function credentialIdLetterRule(): { pattern: string } {
  const schema = applicantJsonSchema() as { $defs?: Record<string, unknown> };
  const text = JSON.stringify(schema);
  const m = /"pattern":"(\[\^\\\\p\{Z\}[^"]*)"/.exec(text);
  if (m === null) throw new Error('no letter-or-digit pattern in the applicant schema');
  return { pattern: JSON.parse(`"${m[1]}"`) as string };
}
