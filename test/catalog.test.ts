import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificateKindSpecJsonSchema,
  defaultCatalog,
  readScale,
  resolveCatalog,
  typicalEvidence,
  type CertificateKindSpec,
  type CertificateKindSpecInput,
} from '../src/catalog/index.js';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { ValidationError } from '../src/errors/validationError.js';

const EXPECTED_IDS = {
  professional: [
    'teacher_qualification',
    'tour_guide_licence',
    'junior_accountant',
    'intermediate_accountant',
    'cpa',
    'legal_professional',
    'physician',
    'nurse',
    'pharmacist',
    'constructor',
    'securities_practitioner',
    'national_computer_rank',
  ],
  language: ['toefl_ibt', 'ielts', 'duolingo', 'cet4', 'cet6', 'tem8'],
  honour: ['school_scholarship', 'provincial_scholarship', 'national_scholarship'],
  gig: ['ride_hailing_rating', 'courier_rating', 'creator_followers', 'vocational_skill_level'],
} as const;

function spec(id: string): CertificateKindSpec {
  const s = defaultCatalog.get(id);
  if (s === undefined) throw new Error(`missing ${id}`);
  return s;
}

const onScale = (id: string, score: number): boolean => readScale(spec(id).scale, { score }).ok;
const levelValue = (id: string, level: string): number => {
  const r = readScale(spec(id).scale, { level });
  if (!r.ok) throw new Error(`${id} ${level} off scale`);
  return r.value;
};

function catalogError(fn: () => unknown): CreditliftError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CreditliftError) return e;
    throw e;
  }
  throw new Error('expected a CreditliftError');
}

describe('default catalog', () => {
  it('holds exactly the agreed kind ids, each in its category', () => {
    expect([...defaultCatalog.keys()].sort()).toEqual(Object.values(EXPECTED_IDS).flat().sort());
    for (const [category, ids] of Object.entries(EXPECTED_IDS)) {
      for (const id of ids) expect(spec(id).category).toBe(category);
    }
  });

  it('names every kind and every level in English and Simplified Chinese', () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const s of defaultCatalog.values()) {
      expect(s.names.en.length).toBeGreaterThan(0);
      expect(s.names.zhHans).toMatch(cjk);
      if (s.scale.type === 'levels') for (const l of s.scale.levels) expect(l.names.zhHans).toMatch(cjk);
    }
  });

  it('IELTS runs 0-9 in half bands', () => {
    expect([0, 4.5, 6.5, 9].every((s) => onScale('ielts', s))).toBe(true);
    expect([6.25, 9.5, -0.5].some((s) => onScale('ielts', s))).toBe(false);
  });

  it('TOEFL iBT runs 0-120 in whole points', () => {
    expect([0, 87, 120].every((s) => onScale('toefl_ibt', s))).toBe(true);
    expect([87.5, 121].some((s) => onScale('toefl_ibt', s))).toBe(false);
  });

  it('TOEFL iBT since 2026-01-21 also reports 1-6 in half bands, told apart by value and date, on one strength scale', () => {
    const toefl = spec('toefl_ibt').scale;
    const read = (score: number, issueDate: string, scoreScale?: 'main' | 'alternate') => readScale(toefl, { score, issueDate, scoreScale });
    // A 2026 half band is a band: 4.5 is (4.5 - 1) / 5 = 0.7, never 4.5 of 120.
    expect(read(4.5, '2026-03-01')).toEqual({ ok: true, value: 0.7, useful: true });
    // A whole 1 to 6 issued since then lies on both scales (band 5, or 5 of 120): never guessed. The
    // upload says which (`scoreScale`), or it is refused for it.
    expect(read(5, '2026-03-01')).toEqual({ ok: false, reason: 'score_scale_ambiguous' });
    expect(read(6, '2026-01-21')).toEqual({ ok: false, reason: 'score_scale_ambiguous' });
    expect(read(5, '2026-03-01', 'alternate')).toEqual({ ok: true, value: 0.8, useful: true });
    // Each scale has its own useful level (CEFR B1: total 42, band 3).
    expect(read(5, '2026-03-01', 'main')).toEqual({ ok: true, value: 5 / 120, useful: false });
    expect(read(6, '2026-01-21', 'alternate')).toEqual({ ok: true, value: 1, useful: true });
    expect(read(1, '2026-06-30', 'alternate')).toEqual({ ok: true, value: 0, useful: false });
    expect(read(2.5, '2026-06-30', 'alternate')).toEqual({ ok: true, value: 0.3, useful: false });
    expect(read(3, '2026-06-30', 'alternate')).toEqual({ ok: true, value: 0.4, useful: true });
    expect(read(41, '2026-06-30')).toEqual({ ok: true, value: 41 / 120, useful: false });
    expect(read(42, '2026-06-30')).toEqual({ ok: true, value: 42 / 120, useful: true });
    // A half band said to be a total, a total said to be a band: off that scale.
    expect(read(4.5, '2026-03-01', 'main')).toEqual({ ok: false, reason: 'score_off_scale' });
    expect(read(96, '2026-03-01', 'alternate')).toEqual({ ok: false, reason: 'score_off_scale' });
    // Before the new scale, 5 is 5 of 120 (no band existed: 'alternate' is off scale); a half point is off scale.
    expect(read(5, '2026-01-20')).toEqual({ ok: true, value: 5 / 120, useful: false });
    expect(read(5, '2026-01-20', 'alternate')).toEqual({ ok: false, reason: 'score_off_scale' });
    expect(read(4.5, '2025-12-01')).toEqual({ ok: false, reason: 'score_off_scale' });
    // Totals above 6 stay on the 0-120 scale after the date (both appear on reports for a while).
    expect(read(96, '2026-03-01')).toEqual({ ok: true, value: 0.8, useful: true });
    expect(read(4.25, '2026-03-01')).toEqual({ ok: false, reason: 'score_off_scale' });
    expect(read(0.5, '2026-03-01')).toEqual({ ok: false, reason: 'score_off_scale' });
    // Without a date only the main scale applies.
    expect(readScale(toefl, { score: 4.5 })).toEqual({ ok: false, reason: 'score_off_scale' });
  });

  it('a tour-guide card counts for its 3-year term', () => {
    expect(spec('tour_guide_licence').validity.expiresAfterMonths).toBe(36);
  });

  it('Duolingo runs 10-160 in steps of 5', () => {
    expect([10, 115, 160].every((s) => onScale('duolingo', s))).toBe(true);
    expect([5, 112, 165].some((s) => onScale('duolingo', s))).toBe(false);
  });

  it('CET-4 and CET-6 run to 710 in whole points, the signal starts at 220, and a result counts from the 425 pass line', () => {
    for (const id of ['cet4', 'cet6']) {
      expect([0, 425, 710].every((s) => onScale(id, s))).toBe(true);
      expect([425.5, 711].some((s) => onScale(id, s))).toBe(false);
      expect(readScale(spec(id).scale, { score: 220 })).toEqual({ ok: true, value: 0, useful: false });
      expect(readScale(spec(id).scale, { score: 424 })).toMatchObject({ ok: true, useful: false });
      expect(readScale(spec(id).scale, { score: 425 })).toMatchObject({ ok: true, useful: true });
    }
  });

  it('TEM-8 grades rise fail < pass < good < excellent', () => {
    const v = ['fail', 'pass', 'good', 'excellent'].map((l) => levelValue('tem8', l));
    expect(v).toEqual([...v].sort((a, b) => a - b));
    expect(new Set(v).size).toBe(4);
  });

  it('computer rank 4 is the highest of ranks 1-4', () => {
    const v = [1, 2, 3, 4].map((n) => levelValue('national_computer_rank', `level_${n}`));
    expect(v).toEqual([...v].sort((a, b) => a - b));
    expect(v[3]).toBe(1);
  });

  it('vocational skill level 1 (senior technician) is the highest and level 5 the lowest', () => {
    const v = [1, 2, 3, 4, 5].map((n) => levelValue('vocational_skill_level', `level_${n}`));
    expect(v).toEqual([...v].sort((a, b) => b - a));
    expect(v[0]).toBe(1);
    expect(new Set(v).size).toBe(5);
  });

  it('ride-hailing ratings run 1.0-5.0; courier ratings are a 0-100 percent; followers are a count on a log scale', () => {
    expect([1, 4.9, 5].every((s) => onScale('ride_hailing_rating', s))).toBe(true);
    expect([0.9, 5.1].some((s) => onScale('ride_hailing_rating', s))).toBe(false);
    expect([0, 98.5, 100].every((s) => onScale('courier_rating', s))).toBe(true);
    expect(onScale('courier_rating', 100.5)).toBe(false);
    expect(onScale('creator_followers', 12.5)).toBe(false);
    const f = (n: number): number => {
      const r = readScale(spec('creator_followers').scale, { score: n });
      return r.ok ? r.value : NaN;
    };
    expect(f(0)).toBe(0);
    expect(f(1_000_000)).toBe(1);
    expect(f(5_000_000)).toBe(1);
    // Log scale: each tenfold growth adds the same amount.
    expect(f(10_000) - f(1_000)).toBeCloseTo(f(100_000) - f(10_000), 3);
  });

  it('language tests from IELTS, TOEFL and Duolingo are valid 24 months', () => {
    for (const id of ['ielts', 'toefl_ibt', 'duolingo']) expect(spec(id).validity.expiresAfterMonths).toBe(24);
  });

  it('professional qualifications and scholarships never expire but fade', () => {
    for (const id of [...EXPECTED_IDS.professional, ...EXPECTED_IDS.honour]) {
      if (id !== 'tour_guide_licence') expect(spec(id).validity.expiresAfterMonths).toBeUndefined();
      expect(spec(id).validity.fadeHalfLifeMonths).toBeGreaterThan(0);
    }
  });

  it('gig platform figures go stale within 3 months', () => {
    for (const id of ['ride_hailing_rating', 'courier_rating', 'creator_followers']) {
      expect(spec(id).validity.expiresAfterMonths).toBeLessThanOrEqual(3);
      expect(spec(id).verificationMethods).toEqual(['platform_api']);
    }
  });

  it('is frozen: a caller cannot edit a default kind in place', () => {
    expect(Object.isFrozen(spec('ielts'))).toBe(true);
    expect(Object.isFrozen(spec('ielts').scale)).toBe(true);
  });
});

describe('readScale', () => {
  const numericIds = [...defaultCatalog.values()].filter((s) => s.scale.type === 'numeric').map((s) => s.id);

  it('law: a scale value is always in [0, 1] and a higher score never lowers it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...numericIds), fc.double({ noNaN: true }), fc.double({ noNaN: true }), (id, a, b) => {
        const scale = spec(id).scale;
        if (scale.type !== 'numeric') return;
        // Snap to the grid so both scores are on scale.
        const snap = (x: number): number => {
          const clamped = Math.min(scale.max, Math.max(scale.min, x));
          const step = scale.step ?? 0;
          return step === 0 ? clamped : Math.min(scale.max, scale.min + Math.round((clamped - scale.min) / step) * step);
        };
        const [lo, hi] = [snap(a), snap(b)].sort((x, y) => x - y) as [number, number];
        const rl = readScale(scale, { score: lo });
        const rh = readScale(scale, { score: hi });
        expect(rl.ok && rh.ok).toBe(true);
        if (!rl.ok || !rh.ok) return;
        expect(rl.value).toBeGreaterThanOrEqual(0);
        expect(rh.value).toBeLessThanOrEqual(1);
        expect(rh.value).toBeGreaterThanOrEqual(rl.value);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects non-finite and missing scores as off scale, unknown or missing levels as level_unknown', () => {
    expect(readScale(spec('ielts').scale, { score: Number.NaN })).toEqual({ ok: false, reason: 'score_off_scale' });
    expect(readScale(spec('ielts').scale, {})).toEqual({ ok: false, reason: 'score_off_scale' });
    expect(readScale(spec('tem8').scale, { level: 'great' })).toEqual({ ok: false, reason: 'level_unknown' });
    expect(readScale(spec('tem8').scale, {})).toEqual({ ok: false, reason: 'level_unknown' });
    expect(readScale(spec('cpa').scale, {})).toEqual({ ok: true, value: 1, useful: true });
  });
});

describe('typicalEvidence', () => {
  it('suggests an IELTS of 6.5', () => {
    expect(typicalEvidence('ielts')).toMatchObject({ kind: 'ielts', score: 6.5 });
  });

  it('gives every kind a typical result that is on its own scale', () => {
    for (const id of defaultCatalog.keys()) {
      const t = typicalEvidence(id);
      expect(t).toBeDefined();
      if (t === undefined) continue;
      const r = readScale(spec(id).scale, { ...(t.score !== undefined && { score: t.score }), ...(t.level !== undefined && { level: t.level }) });
      // A suggestion of it must be able to count (a result below the useful level is refused on upload).
      expect(r).toEqual({ ok: true, value: t.scaleValue, useful: true });
      expect(t.scaleValue, id).toBeGreaterThan(0);
    }
  });

  it('is undefined for a kind the catalog does not know', () => {
    expect(typicalEvidence('pilot_licence')).toBeUndefined();
  });
});

describe('resolveCatalog', () => {
  const pilot: CertificateKindSpecInput = {
    id: 'pilot_licence',
    category: 'professional',
    names: { en: 'Commercial pilot licence', zhHans: '商用驾驶员执照' },
    scale: { type: 'none' },
    validity: { fadeHalfLifeMonths: 120 },
    minHolderAgeAtIssue: 18,
    signalWeight: 1,
    verificationMethods: ['issuer_api'],
  };

  it('without overrides is the default catalog', () => {
    expect(resolveCatalog()).toBe(defaultCatalog);
    expect(resolveCatalog([])).toBe(defaultCatalog);
  });

  it('adds a new kind and replaces an existing one, leaving the default catalog untouched', () => {
    const ielts36: CertificateKindSpecInput = { ...spec('ielts'), validity: { expiresAfterMonths: 36 } };
    const c = resolveCatalog([pilot, ielts36]);
    expect(c.get('pilot_licence')?.names.zhHans).toBe('商用驾驶员执照');
    expect(c.get('ielts')?.validity.expiresAfterMonths).toBe(36);
    expect(c.size).toBe(defaultCatalog.size + 1);
    expect(spec('ielts').validity.expiresAfterMonths).toBe(24);
    expect(defaultCatalog.has('pilot_licence')).toBe(false);
  });

  it('rejects a malformed override with catalog_invalid, listing every problem', () => {
    const bad = { ...pilot, category: 'hobby', signalWeight: 0, names: { en: 'x' } };
    const err = catalogError(() => resolveCatalog([bad as unknown as CertificateKindSpecInput]));
    expect(err.code).toBe('catalog_invalid');
    expect(err).toBeInstanceOf(ValidationError);
    const fields = (err as ValidationError).fields;
    expect(fields).toEqual(expect.arrayContaining(['0.category', '0.signalWeight', '0.names.zhHans']));
  });

  it('rejects inconsistent scales: typical off scale, unknown typical level, duplicate level ids, inverted bounds', () => {
    const cases: CertificateKindSpecInput[] = [
      { ...pilot, scale: { type: 'numeric', min: 0, max: 9, step: 0.5, typical: 6.3 } },
      { ...pilot, scale: { type: 'numeric', min: 9, max: 0, typical: 5 } },
      { ...pilot, scale: { type: 'numeric', min: 0, max: 9, typical: 5, zeroAt: 9 } },
      { ...pilot, scale: { type: 'levels', levels: [{ id: 'a', names: { en: 'A', zhHans: '甲' }, value: 1 }], typical: 'b' } },
      {
        ...pilot,
        scale: { type: 'levels', levels: [1, 2].map(() => ({ id: 'a', names: { en: 'A', zhHans: '甲' }, value: 1 })), typical: 'a' },
      },
      { ...pilot, verificationMethods: ['self_declared'] },
    ];
    for (const c of cases) expect(catalogError(() => resolveCatalog([c])).code).toBe('catalog_invalid');
  });

  it('rejects a typical result valued 0 (a what-if of it would be refused on upload as result_below_useful_level), naming scale.typical', () => {
    const level = (id: string, value: number) => ({ id, names: { en: id, zhHans: '级' }, value });
    const cases: CertificateKindSpecInput[] = [
      { ...pilot, scale: { type: 'numeric', min: 0, max: 9, step: 0.5, typical: 0 } },
      { ...pilot, scale: { type: 'numeric', min: 1, max: 5, step: 0.01, typical: 4, zeroAt: 4 } },
      { ...pilot, scale: { type: 'levels', levels: [level('fail', 0), level('pass', 1)], typical: 'fail' } },
    ];
    for (const c of cases) {
      const err = catalogError(() => resolveCatalog([c]));
      expect(err.code).toBe('catalog_invalid');
      expect((err as ValidationError).fields).toContain('0.scale.typical');
    }
    // Just above the bottom is below the default useful level (a value of 0.1) unless the kind says
    // its results count from there; a scale with a failing level that is not typical is fine.
    const low = { type: 'numeric', min: 1, max: 5, step: 0.01, typical: 4.01, zeroAt: 4 } as const;
    expect((catalogError(() => resolveCatalog([{ ...pilot, scale: low }])) as ValidationError).fields).toContain('0.scale.typical');
    expect(() => resolveCatalog([{ ...pilot, scale: { ...low, usefulFrom: 4.01 } }])).not.toThrow();
    expect(() => resolveCatalog([{ ...pilot, scale: { type: 'levels', levels: [level('fail', 0), level('pass', 1)], typical: 'pass' } }])).not.toThrow();
  });

  it('rejects an alternate scale whose `since` is no calendar day, naming it (a string compare read real scores on the wrong scale)', () => {
    const withSince = (since: string): CertificateKindSpecInput => ({
      ...pilot,
      scale: { type: 'numeric', min: 0, max: 100, step: 1, typical: 60, alternate: { since, min: 1, max: 10, step: 1 } },
    });
    for (const since of ['2026-13-45', '2026-02-30', '2025-02-29', '2026-1-5']) {
      const err = catalogError(() => resolveCatalog([withSince(since)]));
      expect(err.code).toBe('catalog_invalid');
      expect((err as ValidationError).fields).toContain('0.scale.alternate.since');
    }
    expect(() => resolveCatalog([withSince('2028-02-29')])).not.toThrow();
  });

  it("rejects a typical score inside the alternate scale's range (a what-if of it would be ambiguous), naming scale.typical", () => {
    const err = catalogError(() =>
      resolveCatalog([
        { ...pilot, scale: { type: 'numeric', min: 0, max: 100, step: 1, typical: 8, alternate: { since: '2026-01-01', min: 1, max: 10, step: 1 } } },
      ]),
    );
    expect(err.code).toBe('catalog_invalid');
    expect((err as ValidationError).fields).toContain('0.scale.typical');
  });

  it('rejects two overrides with the same id, and anything that is not a list', () => {
    expect(catalogError(() => resolveCatalog([pilot, pilot])).code).toBe('catalog_invalid');
    expect(catalogError(() => resolveCatalog({ ielts: pilot } as unknown as CertificateKindSpecInput[])).code).toBe('catalog_invalid');
  });
});

describe('certificateKindSpecJsonSchema', () => {
  it('describes a kind and rejects unknown keys', () => {
    const s = certificateKindSpecJsonSchema();
    expect(s.type).toBe('object');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(expect.arrayContaining(['id', 'category', 'names', 'scale', 'validity']));
    // An alternate scale's start is a date to JSON Schema too.
    expect(JSON.stringify(s)).toContain('"format":"date"');
  });
});
