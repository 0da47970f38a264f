import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';

// A decision is a function of its inputs and asOf, never of the server's TZ setting. Before the
// dates became integers (src/dates/calendarDate.ts) it was not: date-fns worked on local
// midnights, and on the days Asia/Shanghai skipped midnight (1940-06-01, 1949-05-01, ...) ages
// and plausible-age checks came out differently there. The two applicants below were decided
// differently under TZ=Asia/Shanghai than under UTC by the old code.

const teacher = exampleApplicants[0]?.applicant.evidence?.[1];
if (teacher === undefined) throw new Error('example evidence missing');

const applicants: ApplicantInput[] = [
  ...exampleApplicants.map((e) => e.applicant),
  // 61 on the decision date, over the default maximum age of 60; the old code said 60 in Shanghai.
  baseApplicantInput({
    id: 'tz-birthday',
    birthDate: '1948-05-01',
    asOf: '2009-05-01',
    employment: { type: 'salaried', industry: 'manufacturing', startDate: '2001-03-01' },
  }),
  // A teacher qualification (youngest plausible holder 18) issued on the 18th birthday: accepted;
  // the old code rejected it in Shanghai as issued before a plausible age.
  baseApplicantInput({
    id: 'tz-certificate',
    birthDate: '1940-06-01',
    asOf: '2000-05-20',
    employment: { type: 'salaried', industry: 'education', startDate: '1990-09-01' },
    evidence: [{ ...teacher, kind: 'teacher_qualification', issueDate: '1958-06-01', credentialId: 'TQ-1958-0001' }],
  }),
];

async function decideAllIn(zone: string, scorer: Scorer): Promise<string> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    const results = await scorer.decideBatch(applicants);
    return JSON.stringify(results.map((r) => (r.ok ? r.decision : r.error.code)));
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe('decisions do not depend on the process time zone', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 3 });
  });
  afterAll(() => scorer.close());

  it('the same applicants decide byte for byte alike under UTC, Asia/Shanghai and America/New_York', async () => {
    const utc = await decideAllIn('UTC', scorer);
    const decisions = JSON.parse(utc) as { outcome: string; policyReasons: unknown; evidence: unknown }[];
    // The edge cases come out as the calendar says, so the equality below is not vacuous.
    const birthday = decisions.at(-2);
    const certificate = decisions.at(-1);
    expect(birthday?.outcome).toBe('decline');
    expect(JSON.stringify(birthday?.policyReasons)).toContain('age_above_maximum');
    expect(JSON.stringify(certificate?.evidence)).toContain('teacher_qualification');
    expect(JSON.stringify(certificate?.evidence)).not.toContain('issued_before_plausible_age');
    expect(await decideAllIn('Asia/Shanghai', scorer)).toBe(utc);
    expect(await decideAllIn('America/New_York', scorer)).toBe(utc);
  });
});
