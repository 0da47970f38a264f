import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { assertCreditLaws, creditLaws, CreditLawViolation } from '../../src/testing/index.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { editing } from './mutantScorers.js';
import { behaviourScoreFeatures, type BehaviourScoreApplicant } from '../helpers/lenderBehaviourScore.js';

// README "Your own features and attributes": a lender's model reading a required attribute of its
// own. The kit cannot invent it, so the lender draws it (the `attributes` run option); without it the
// laws say exactly that, rather than blaming the scorer for refusing "a valid input".
const features = behaviourScoreFeatures;
type LenderApplicant = BehaviourScoreApplicant;

const scores = fc.record({ internal_behaviour_score: fc.integer({ min: 0, max: 1000 }) });
const SETTINGS = { numRuns: 10, scorerNumRuns: 3, seed: 20261128 } as const;
/** The same for the scorer part alone, which reads no numRuns (it is refused there). */
const { numRuns: _policyRuns, ...SCORER_SETTINGS } = SETTINGS;

let scorer: Scorer<LenderApplicant>;
// A lender's scorer is a law subject as it is (typed by its own applicants).
const subject = () => ({ scorer });
// Wrappers below edit it as a scorer of plain applicants, which is what the kit hands it.
const plain = () => scorer as unknown as Scorer;
beforeAll(async () => {
  const rows = generatePopulation({ size: 400, seed: 7, asOf: '2026-10-01' });
  const applicants = rows.map((r, i) => ({ ...r.applicant, attributes: { internal_behaviour_score: (i * 7919) % 1001 } }));
  const outcomes = parseCsv(['id,defaulted', ...rows.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n'));
  const book = featurizeBook(applicants, outcomes, { idColumn: 'id', target: 'defaulted', features });
  const monotone = book.trainArgs[book.trainArgs.indexOf('--monotone') + 1] as string;
  const model = trainFromCsv(book.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 10, learningRate: 0.3 } }).onnx;
  scorer = await createScorer({ model, features, suggestionsPerDecision: 0 });
}, 60_000);
afterAll(() => scorer?.close());

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('the credit laws on a scorer whose feature set requires lender attributes', () => {
  it('without the attributes option a law says the scorer needs attributes the kit cannot draw, and names the option', async () => {
    const e = await failureOf(() => creditLaws.limits_rounded.check(subject(), SETTINGS));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).not.toBeInstanceOf(CreditLawViolation);
    const [issue] = (e as ValidationError).issues;
    expect(issue?.path).toEqual(['attributes']);
    expect(issue?.code).toBe('attributes_refused');
    expect(issue?.message).toMatch(/`attributes` run option/);
    expect(issue?.message).toContain('attributes.internal_behaviour_score');
    expect(issue?.message).not.toMatch(/on a valid input/);
    // Refused in a batch (a law comparing applicants through decideBatch), the same.
    const batch = await failureOf(() => creditLaws.apr_non_decreasing_in_pd.check(subject(), SETTINGS));
    expect((batch as ValidationError).issues[0]?.code).toBe('attributes_refused');
  });

  it('with attributes drawn by the option, every law holds end to end', { timeout: 120_000 }, async () => {
    const e = await failureOf(() => assertCreditLaws({ ...subject(), ...SETTINGS, attributes: scores }));
    expect(e === undefined ? undefined : JSON.stringify(e)).toBeUndefined();
  });

  it('the option may draw attributes from the applicant: every applicant the scorer sees carries them', async () => {
    const seen: [string, unknown][] = [];
    const spy = {
      ...plain(),
      policy: scorer.policy,
      decide: (a: Parameters<Scorer['decide']>[0], o?: Parameters<Scorer['decide']>[1]) => {
        seen.push([a.id, (a as { attributes?: unknown }).attributes]);
        return plain().decide(a, o);
      },
    };
    const fromApplicant = (a: Applicant) => fc.constant({ internal_behaviour_score: a.id.length * 10 });
    await creditLaws.limit_within_caps.check({ scorer: spy }, { ...SETTINGS, attributes: fromApplicant });
    expect(seen.length).toBeGreaterThan(0);
    for (const [id, attributes] of seen) expect(attributes).toEqual({ internal_behaviour_score: id.length * 10 });
  });

  it('a refusal for attributes is said at its first run, not shrunk (shrinking it took up to the 20 s shrink budget)', async () => {
    let runs = 0;
    const counting = {
      ...plain(),
      policy: scorer.policy,
      decide: (a: Parameters<Scorer['decide']>[0], o?: Parameters<Scorer['decide']>[1]) => {
        runs += 1;
        return plain().decide(a, o);
      },
    };
    const e = await failureOf(() => creditLaws.limit_within_caps.check({ scorer: counting }, { ...SCORER_SETTINGS, part: 'scorer' }));
    expect((e as ValidationError).issues[0]?.code).toBe('attributes_refused');
    // The first draw is refused at its first decide; every shrink candidate after it is passed untried.
    expect(runs).toBe(1);
  });

  it('attributes the option draws that the scorer refuses are the option at fault, said so', async () => {
    const e = await failureOf(() =>
      creditLaws.limits_rounded.check(subject(), { ...SETTINGS, attributes: fc.record({ internal_behaviour_score: fc.constant(5000) }) }),
    );
    const [issue] = (e as ValidationError).issues;
    expect(issue?.code).toBe('attributes_refused');
    expect(issue?.message).toMatch(/drawn by the `attributes` option/);
  });

  it('a bad attributes option is refused up front', async () => {
    const e = await failureOf(() => creditLaws.limits_rounded.check(subject(), { ...SETTINGS, attributes: { internal_behaviour_score: 1 } as never }));
    expect((e as ValidationError).issues[0]).toMatchObject({ path: ['attributes'], code: 'invalid_type' });
  });

  it('a violation found with attributes replays with them: the replay options carry the same option, and the line says so', async () => {
    const broken = editing(plain(), (d) => (d.limit > 0 ? { ...d, limit: d.limit + 100 } : d));
    const v = (await failureOf(() =>
      creditLaws.limits_rounded.check({ scorer: broken }, { ...SETTINGS, scorerNumRuns: 20, attributes: scores }),
    )) as CreditLawViolation;
    expect(v).toBeInstanceOf(CreditLawViolation);
    expect(v.replay.attributes).toBe(scores);
    expect(v.message).toMatch(/part: "scorer", attributes \/\*/);
    const again = (await failureOf(() => creditLaws.limits_rounded.check({ scorer: broken }, v.replay))) as CreditLawViolation;
    expect(again.counterexample).toEqual(v.counterexample);
    expect(JSON.parse(JSON.stringify(v)).replay).toEqual({ seed: v.seed, path: v.path, part: 'scorer' });
  });
});
