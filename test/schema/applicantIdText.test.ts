// findings22-text F1: `id` was z.string().min(1).max(128). decide, every batch path and both JSON Schemas
// took "x\u0000", "x\uD800", "\u001b[2J" and "\u200b" (a zero-width space and nothing else), which a
// name, an issuer, a note or a statement refuses. The id is sealed into the decision and is the key
// decisions are matched on: PostgreSQL jsonb refused the lines with \u0000 and a lone surrogate, and
// every UTF-8 writer gave "a\uD800" and "a\uDBFF" the same bytes. Refused at `id` (invalid_format).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { VISIBLE_CHARACTER } from '../../src/schema/applicantIdText.js';
import { applicantJsonSchema } from '../../src/schema/jsonSchema.js';
import { applicantServiceJsonSchema } from '../../src/schema/serviceJsonSchema.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { fastifyAjv } from '../helpers/fastifyAjv.js';

const service = fastifyAjv({ quiet: true }).compile(applicantServiceJsonSchema());
const ajv2020 = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv2020);
const document = ajv2020.compile(applicantJsonSchema());

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await scorer.close();
});

const withId = (id: string) => baseApplicantInput({ id });
const idIssues = (e: unknown) => (e as ValidationError).issues.filter((i) => i.path.join('.') === 'id').map((i) => [i.code, i.message.split(' (')[0]] as const);

const REFUSED: Record<string, [string, string]> = {
  nul: ['x\u0000y', 'id must not contain control characters'],
  escape: ['\u001b[2Japp-1', 'id must not contain control characters'],
  tab: ['app\t1', 'id must not contain control characters'],
  del: ['app-1\u007f', 'id must not contain control characters'],
  c1: ['app-1\u0085', 'id must not contain control characters'],
  loneHigh: ['a\ud800', 'id must be well-formed text'],
  loneLow: ['b\udfff\ud800', 'id must be well-formed text'],
  zeroWidthSpace: ['\u200b', 'id must contain a visible character'],
  lineSeparator: ['\u2028', 'id must contain a visible character'],
  bom: ['\ufeff', 'id must contain a visible character'],
  spaces: ['   ', 'id must contain a visible character'],
  ideographicSpace: ['\u3000\u00a0', 'id must contain a visible character'],
  hangulFiller: ['\u3164', 'id must contain a visible character'],
  brailleBlank: ['\u2800', 'id must contain a visible character'],
  combiningOnly: ['\u0301', 'id must contain a visible character'],
};
const ACCEPTED = ['app-1', 'A', '张三-0001', '#', '€', 'app 1', '\u{1F600}', 'ｆｕｌｌ-1', 'a\u200bb', '\ufeffbom', 'cafe\u0301'];

describe('applicantId: well-formed, no control character, something visible', () => {
  it('decide refuses each at id (invalid_format) with its own message; both JSON Schemas refuse it too', async () => {
    for (const [label, [id, message]] of Object.entries(REFUSED)) {
      const r = await scorer.safeDecide(withId(id));
      expect(r.ok, label).toBe(false);
      if (r.ok) continue;
      expect(r.error, label).toBeInstanceOf(ValidationError);
      expect(idIssues(r.error), label).toEqual([['invalid_format', message]]);
      expect(service(withId(id)), label).toBe(false);
      expect(document(withId(id)), label).toBe(false);
    }
  });

  it('and still takes any id with a visible character, spaces and format characters inside included', async () => {
    for (const id of ACCEPTED) {
      expect((await scorer.safeDecide(withId(id))).ok, id).toBe(true);
      expect(service(withId(id)), id).toBe(true);
      expect(document(withId(id)), id).toBe(true);
    }
  });

  it('decideBatch refuses such a record alone, at its index', async () => {
    const results = await scorer.safeDecideBatch([withId('ok-1'), withId('x\u0000'), withId('\u200b')]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(results.map((r) => (r.ok ? null : r.error.issues?.map((i) => `${i.path.join('.')}:${i.code}`)))).toEqual([
      null,
      ['id:invalid_format'],
      ['id:invalid_format'],
    ]);
  });

  it('law: the service schema, the document schema and decide agree on every id', async () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      '7',
      '-',
      ' ',
      '张',
      '\u0000',
      '\u0007',
      '\t',
      '\u001b',
      '\u007f',
      '\u0085',
      '\ud800',
      '\udfff',
      '\ud83d\ude00',
      '\u200b',
      '\u200d',
      '\u202e',
      '\ufeff',
      '\u2028',
      '\u00a0',
      '\u3000',
      '\u3164',
      '\u2800',
      '\u0301',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(unit, { minLength: 0, maxLength: 6 }), async (units) => {
        const id = units.join('');
        const decided = (await scorer.safeDecide(withId(id))).ok;
        expect(service(withId(id)), JSON.stringify(id)).toBe(decided);
        expect(document(withId(id)), JSON.stringify(id)).toBe(decided);
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  it('law: a visible character is a letter, digit, punctuation or symbol nobody draws as nothing', () => {
    const odd: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (VISIBLE_CHARACTER.test(c) && (/\p{Default_Ignorable_Code_Point}|\s|\p{C}|\p{M}/u.test(c) || c === '\u2800')) odd.push(cp.toString(16));
    }
    expect(odd).toEqual([]);
  });
});
