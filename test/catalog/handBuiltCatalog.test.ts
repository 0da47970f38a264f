// README: "a Map you build yourself is validated and copied by createScorer (a bad kind is
// catalog_invalid there)", and featurizeBook takes "the same catalog option as createScorer". But
// assessEvidence, typicalEvidence and featurizeBook took any Map as it was: a kind without a scale
// threw a bare TypeError ("Cannot read properties of undefined (reading 'type')"), and an IELTS
// whose scale ran from 9 down to 0 refused every real band as score_off_scale without a word, so a
// lender's training rows lost every IELTS the scorer (which refuses that catalog) would have counted.
// Each now reads a hand-built Map as createScorer does: validated, named, copied.
import { describe, expect, it } from 'vitest';
import { defaultCatalog, resolveCatalog, type Catalog } from '../../src/catalog/resolveCatalog.js';
import { typicalEvidence } from '../../src/catalog/typicalEvidence.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { exampleFor } from '../../src/examples/index.js';
import type { CertificateKindSpec } from '../../src/catalog/certificateKindSpec.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';

const ielts = defaultCatalog.get('ielts') as CertificateKindSpec;
const upsideDown = { ...ielts, scale: { type: 'numeric', min: 9, max: 0, typical: 6.5 } };
// Written as a lender's JavaScript would, past the types.
const handBuilt = (entries: [string, unknown][]): Catalog => new Map(entries) as unknown as Catalog;
const badScale = handBuilt([['ielts', upsideDown]]);
const noScale = handBuilt([['forklift', { id: 'forklift' }]]);

const applicant = parseApplicant(exampleFor('new_graduate').applicant);
const onlyIelts = parseApplicant({ ...applicant, evidence: applicant.evidence.filter((e) => e.kind === 'ielts') });

/** The code and issue paths of what `f` throws. */
function refusal(f: () => unknown): { code: string; paths: string[] } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CreditliftError)) throw e;
    const issues = (e as { issues?: { path: (string | number)[] }[] }).issues ?? [];
    return { code: e.code, paths: issues.map((i) => i.path.join('.')) };
  }
  throw new Error('not refused');
}

describe('a hand-built catalog Map is validated wherever a catalog is taken', () => {
  it('assessEvidence refuses a kind that is not one, naming its fields (catalog_invalid), never a TypeError', () => {
    expect(refusal(() => assessEvidence(onlyIelts, { catalog: badScale }))).toMatchObject({
      code: 'catalog_invalid',
      paths: expect.arrayContaining(['0.scale.max']),
    });
    expect(refusal(() => assessEvidence(onlyIelts, { catalog: noScale }))).toMatchObject({
      code: 'catalog_invalid',
      paths: expect.arrayContaining(['0.scale']),
    });
  });

  it('typicalEvidence likewise', () => {
    expect(refusal(() => typicalEvidence('ielts', badScale)).code).toBe('catalog_invalid');
    expect(refusal(() => typicalEvidence('forklift', noScale)).code).toBe('catalog_invalid');
  });

  it('featurizeBook likewise', () => {
    const outcomes = parseCsv(`id,defaulted\n${onlyIelts.id},0\n`);
    expect(refusal(() => featurizeBook([onlyIelts], outcomes, { idColumn: 'id', target: 'defaulted', catalog: badScale })).code).toBe('catalog_invalid');
  });

  it('a valid hand-built Map reads as the catalog resolveCatalog builds', () => {
    const kinds = [...resolveCatalog([{ ...ielts, validity: { expiresAfterMonths: 36 } }])];
    const mine = new Map(kinds);
    expect(assessEvidence(applicant, { catalog: mine })).toEqual(
      assessEvidence(applicant, { catalog: resolveCatalog([{ ...ielts, validity: { expiresAfterMonths: 36 } }]) }),
    );
    expect(typicalEvidence('ielts', mine)).toEqual(typicalEvidence('ielts'));
    const outcomes = parseCsv(`id,defaulted\n${applicant.id},1\n`);
    const options = { idColumn: 'id', target: 'defaulted' } as const;
    expect(featurizeBook([applicant], outcomes, { ...options, catalog: mine }).matrix).toEqual(
      featurizeBook([applicant], outcomes, { ...options, catalog: new Map(mine) }).matrix,
    );
  });
});
