import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCommand } from '../../src/cli/schemaCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { type Decision, decisionJsonSchema } from '../../src/decision/decision.js';
import { exampleApplicants, exampleFor } from '../../src/examples/exampleApplicants.js';
import { decisionServiceJsonSchema } from '../../src/service/decisionServiceJsonSchema.js';
import { captureIo } from '../cli/fakeDecider.js';
import { fastifyAjv } from '../helpers/fastifyAjv.js';

let scorer: Scorer;
let shadow: Scorer;
/** Real decisions of every kind, as JSON text (what a service stores or sends), by name. */
const decisions = new Map<string, string>();

beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 2 });
  shadow = await createScorer({
    suggestionsPerDecision: 0,
    challengers: [{ name: 'same', policyOverrides: {}, share: 0.5 }],
    challengerMode: 'shadow',
  });
  const teacher = exampleFor('salaried_teacher').applicant;
  for (const { applicant } of exampleApplicants) decisions.set(`decide ${applicant.id}`, JSON.stringify(await scorer.decide(applicant)));
  const declined = await scorer.decide({ ...teacher, bureau: { ...teacher.bureau, currentDaysPastDue: 45 } });
  decisions.set('decline', JSON.stringify(declined));
  const prior = await scorer.decide(teacher);
  decisions.set('teacher', JSON.stringify(prior));
  const reassessed = await scorer.reassess(prior, { applicant: teacher, evidence: [] });
  decisions.set('reassessment', JSON.stringify(reassessed));
  decisions.set('reduction', JSON.stringify(scorer.requestReduction(reassessed, 100_000)));
  const pending = await scorer.decide({ ...teacher, controls: { ...teacher.controls, humanReview: true } });
  decisions.set('pending review', JSON.stringify(pending));
  decisions.set(
    'reviewed',
    JSON.stringify(scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: pending.limit, note: '审核 ok' })),
  );
  decisions.set('contested', JSON.stringify(scorer.recordContest(prior, { statement: 'Please look again.', newFacts: ['new job'] })));
  for (const r of await shadow.decideBatch(exampleApplicants.map((e) => e.applicant)))
    if (r.ok && r.decision.shadow !== undefined) decisions.set('shadow', JSON.stringify(r.decision));
}, 120_000);
afterAll(async () => {
  await scorer?.close();
  await shadow?.close();
});

const parsed = (name: string): Record<string, unknown> => JSON.parse(decisions.get(name) ?? 'null') as Record<string, unknown>;

describe("decisionServiceJsonSchema under fastify's ajv defaults", () => {
  const validate = fastifyAjv({ quiet: true }).compile(decisionServiceJsonSchema());

  it('covers every kind of decision: declines, reassessments, reductions, reviews, contests, shadows', () => {
    const kinds = new Set([...decisions.values()].map((d) => (JSON.parse(d) as Decision).audit.kind));
    expect([...kinds].sort()).toEqual(['contest', 'decide', 'reassess', 'reduction', 'review']);
    expect(parsed('decline').outcome).toBe('decline');
    expect(decisions.has('shadow')).toBe(true);
  });

  it('accepts every real decision and leaves it byte for byte as it was (nothing removed, coerced or defaulted)', () => {
    for (const [name, json] of decisions) {
      const body = JSON.parse(json) as unknown;
      expect(validate(body), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(JSON.stringify(body), name).toBe(json);
    }
  });

  it('refuses a field this version does not write, at the top and nested, instead of deleting it', () => {
    const spoilers: [string, (d: Record<string, unknown>) => void][] = [
      ['top level', (d) => (d.surprise = 1)],
      ['audit', (d) => ((d.audit as Record<string, unknown>).extra = 'x')],
      ['an evidence item', (d) => (((d.evidence as unknown[])[0] as Record<string, unknown>).extra = true)],
      ['a review', (d) => ((d.review as Record<string, unknown>).reviewer = 'Lin')],
    ];
    for (const [where, spoil] of spoilers) {
      const body = parsed(where === 'a review' ? 'reviewed' : 'teacher');
      expect(body.evidence).not.toHaveLength(0);
      spoil(body);
      const before = JSON.stringify(body);
      expect(validate(body), where).toBe(false);
      expect(JSON.stringify(body), `${where}: the decision was changed`).toBe(before);
    }
  });

  it('refuses what the defaults would coerce: "100" for a limit, 1 for a string, [x] for x, null for a number', () => {
    const cases: [string, (d: Record<string, unknown>) => void][] = [
      ['string for integer', (d) => (d.limit = '100')],
      ['number for string', (d) => (d.grade = 1)],
      ['array for number', (d) => (d.pd = [0.1])],
      ['boolean for number', (d) => (d.apr = true)],
      ['null for number', (d) => (d.maxGrantable = null)],
      ['string for boolean', (d) => ((d.affordability as Record<string, unknown>).pass = 'true')],
      ['missing field', (d) => delete d.lineAction],
    ];
    for (const [name, spoil] of cases) {
      const body = parsed('teacher');
      spoil(body);
      const before = JSON.stringify(body);
      expect(validate(body), name).toBe(false);
      expect(JSON.stringify(body), `${name}: the decision was changed`).toBe(before);
    }
  });

  it('has the same fields as the Decision schema, and `creditlift schema --decision --service` prints it', () => {
    const service = decisionServiceJsonSchema();
    expect(service.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(service.properties as object)).toEqual(Object.keys(decisionJsonSchema().properties as object));
    const c = captureIo();
    expect(runSchemaCommand(['--decision', '--service'], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toEqual(service);
    const a = captureIo();
    expect(runSchemaCommand(['applicant', '--service'], a.io)).toBe(0);
    expect((JSON.parse(a.out()) as { title: string }).title).toBe('creditlift Applicant');
    expect(runSchemaCommand(['catalog-kind', '--service'], captureIo().io)).toBe(2);
  });
});
