// A lender's attributes are read as the built-in fields are: into plain data first, so nothing
// the lender's zod schema would coerce or skip (a Map taken as an empty object, a throwing getter
// escaping as a raw exception, a getter read twice) gets through silently.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../src/errors/validationError.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

const features = defineFeatureSet({
  attributes: {
    months_on_book: z.number().int().min(0).optional(),
    segment: z.object({ code: z.string().optional() }).optional(),
  },
  features: [...builtInFeatures],
});

const base = () => structuredClone(exampleApplicants[0]!.applicant) as unknown as Record<string, unknown>;

function issuesOf(input: unknown): string[] {
  try {
    parseFeatureApplicant(input, features);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => `${i.path.join('.')}: ${i.code}: ${i.message}`);
  }
  return [];
}

describe('parseFeatureApplicant reads the whole record, attributes included, as plain data first', () => {
  it('a Map as the attributes, or inside them, is refused at its path (zod alone takes it as an empty object)', () => {
    expect(issuesOf({ ...base(), attributes: new Map([['months_on_book', 12]]) })).toEqual([
      'attributes: invalid_type: expected a plain object or array, received Map',
    ]);
    expect(issuesOf({ ...base(), attributes: { months_on_book: 3, segment: new Map([['code', 'x']]) } })).toEqual([
      'attributes.segment: invalid_type: expected a plain object or array, received Map',
    ]);
  });

  it('a getter that throws inside the attributes is an issue at its path, listed with the record’s other issues', () => {
    const attributes = {};
    Object.defineProperty(attributes, 'months_on_book', {
      get() {
        throw new TypeError('boom');
      },
      enumerable: true,
    });
    const record = { ...base(), attributes, asOf: 'not a date' };
    const issues = issuesOf(record);
    expect(issues).toContain('attributes.months_on_book: unreadable_input: could not be read: TypeError');
    expect(issues.some((i) => i.startsWith('asOf:'))).toBe(true);
  });

  it('each attribute is read once: the value validated is the value decided', () => {
    let reads = 0;
    const attributes = {};
    Object.defineProperty(attributes, 'months_on_book', {
      get() {
        reads++;
        return reads === 1 ? 12 : -1;
      },
      enumerable: true,
    });
    const parsed = parseFeatureApplicant({ ...base(), attributes }, features);
    expect(reads).toBe(1);
    expect((parsed.attributes as unknown as { months_on_book: number }).months_on_book).toBe(12);
  });

  it('a record whose root cannot be read is one issue at the root, as without a feature set', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(issuesOf(proxy)).toEqual([': unreadable_input: could not be read: TypeError']);
  });

  it('valid attributes pass through as the lender declared them; a Proxy record reads as its target', () => {
    const parsed = parseFeatureApplicant(new Proxy({ ...base(), attributes: { months_on_book: 7, segment: { code: 'a' } } }, {}), features);
    expect(parsed.attributes).toEqual({ months_on_book: 7, segment: { code: 'a' } });
  });
});
