import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel } from '../../src/model/loadModel.js';

/** The paths and codes a refusal names, for comparing. */
async function refusal(load: () => Promise<unknown>): Promise<{ subject: string; issues: string[] }> {
  try {
    await load();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return { subject: v.subject, issues: v.issues.map((i) => `${i.path.join('.')}:${i.code}`) };
  }
  throw new Error('loaded');
}

// Called from JavaScript (or with a cast), loadModel threw node's raw TypeErrors, and an option
// written wrong was ignored: `expectedSha265` loaded any model, so the integrity check a lender
// asked for never ran.
describe('loadModel reads its arguments by name', () => {
  const path = defaultModelPath();
  const load = loadModel as (...args: unknown[]) => Promise<{ close(): Promise<void> }>;

  it('refuses a source that is neither a path nor bytes, naming it', async () => {
    for (const source of [undefined, 42, null, {}, ['a']]) {
      expect(await refusal(() => load(source))).toEqual({ subject: 'loadModel', issues: ['pathOrBytes:invalid_type'] });
    }
  });

  it('refuses options that are not an object, and every unknown or mistyped option', async () => {
    expect(await refusal(() => load(path, null))).toEqual({ subject: 'LoadModelOptions', issues: [':invalid_type'] });
    expect(await refusal(() => load(path, { expectedSha265: 'ab' }))).toEqual({ subject: 'LoadModelOptions', issues: ['expectedSha265:unrecognized_key'] });
    expect(
      await refusal(() => load(path, { expectedSha256: 5, allowMonotoneViolations: 'yes', intraOpNumThreads: 'x', interOpNumThreads: 1.5, evaluator: 'js' })),
    ).toEqual({
      subject: 'LoadModelOptions',
      issues: [
        'intraOpNumThreads:invalid_type',
        'interOpNumThreads:invalid_type',
        'expectedSha256:invalid_type',
        'allowMonotoneViolations:invalid_type',
        'evaluator:invalid_value',
      ],
    });
    expect(await refusal(() => load(path, { intraOpNumThreads: 0 }))).toEqual({ subject: 'LoadModelOptions', issues: ['intraOpNumThreads:invalid_type'] });
    // 2^31 was read as another number by onnxruntime without a word.
    expect(await refusal(() => load(path, { intraOpNumThreads: 2 ** 31, interOpNumThreads: 1025 }))).toEqual({
      subject: 'LoadModelOptions',
      issues: ['intraOpNumThreads:too_big', 'interOpNumThreads:too_big'],
    });
  });

  it('still loads with every option given right', async () => {
    const model = await load(path, { intraOpNumThreads: 1, interOpNumThreads: 1, allowMonotoneViolations: false, evaluator: 'auto' });
    await model.close();
  });
});
