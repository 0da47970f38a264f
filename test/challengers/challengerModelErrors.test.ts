// A lender runs its own model as a challenger of the default one. When the challenger's model
// could not be used (no file at the path, bytes that are no model, a model reading a feature the
// scorer does not declare), the error said "Cannot read model file nope" or "The model and the
// declared features disagree", naming neither the challenger nor its field: with a champion model
// beside it, nothing told which of the two was refused. It now names the challenger and
// `challengers.N.model`, keeping its class and code.
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { FeatureMismatchError } from '../../src/features/featureMismatchError.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';

const refusal = (challengers: unknown) => createScorer({ challengers: challengers as never }).catch((e: unknown) => e);

describe("a challenger's own model that cannot be used", () => {
  it('a path with no file: model_load_failed naming the challenger and its field', async () => {
    const e = await refusal([
      { name: 'tight', share: 0.2, policyOverrides: { pricing: { margin: 0.02 } } },
      { name: 'lender', share: 0.3, model: '/nonexistent/creditlift/model.onnx' },
    ]);
    expect(e).toBeInstanceOf(CreditliftError);
    expect((e as CreditliftError).code).toBe('model_load_failed');
    expect((e as Error).message).toMatch(/^challenger "lender" \(challengers\.1\.model\): Cannot read model file \/nonexistent\/creditlift\/model\.onnx/);
  });

  it('bytes that are no model: model_load_failed naming the challenger', async () => {
    const e = await refusal([{ name: 'lender', share: 0.5, model: new Uint8Array([1, 2, 3]) }]);
    expect((e as CreditliftError).code).toBe('model_load_failed');
    expect((e as Error).message).toMatch(/^challenger "lender" \(challengers\.0\.model\): /);
    // Named once, the second time too: the error named is the arm's own, not one kept and thrown again.
    const again = await refusal([{ name: 'lender', share: 0.5, model: new Uint8Array([1, 2, 3]) }]);
    expect((again as Error).message).toBe((e as Error).message);
  });

  it('a model reading a feature the scorer does not declare: a FeatureMismatchError, its mismatches kept', async () => {
    const lines = ['mystery_score,defaulted'];
    for (let i = 0; i < 120; i++) lines.push(`${i},${i % 7 === 0 || i < 20 ? 1 : 0}`);
    const { onnx } = trainFromCsv(lines.join('\n'), { target: 'defaulted', positive: '1', params: { rounds: 3 } });
    const e = await refusal([{ name: 'lender', share: 0.5, model: onnx }]);
    expect(e).toBeInstanceOf(FeatureMismatchError);
    expect((e as FeatureMismatchError).code).toBe('model_shape_mismatch');
    expect((e as FeatureMismatchError).mismatches.map((m) => [m.feature, m.code])).toContainEqual(['mystery_score', 'undeclared_feature']);
    expect((e as Error).message).toMatch(/^challenger "lender" \(challengers\.0\.model\): The model and the declared features disagree:\n/);
  });

  it("the champion's own model is refused as before, naming no challenger", async () => {
    const e = await createScorer({ model: '/nonexistent/creditlift/model.onnx', challengers: [{ name: 'tight', share: 0.5 }] }).catch((x: unknown) => x);
    expect((e as CreditliftError).code).toBe('model_load_failed');
    expect((e as Error).message).toMatch(/^Cannot read model file /);
  });
});
