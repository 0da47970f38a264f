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
        'intraOpNumThreads:invalid_value',
        'interOpNumThreads:invalid_value',
        'expectedSha256:invalid_type',
        'allowMonotoneViolations:invalid_type',
        'evaluator:invalid_value',
      ],
    });
  });

  // Above 1 thread onnxruntime sums a run of more than 50 rows (and a run of one) in per-thread
  // chunks: with 2 threads decide and decideBatch differed on 23 of 178 applicants under one
  // decisionId, and a PD once crossed a pricing step (findings 25). A count of threads is only
  // a speed setting if it cannot change a decision, so every count but 1 is refused.
  it('refuses intraOpNumThreads other than 1, naming the option and why', async () => {
    for (const threads of [0, 2, 4, 16, 2 ** 31, 1.5, 'x']) {
      let error: unknown;
      await load(path, { intraOpNumThreads: threads }).then(
        (m) => m.close(),
        (e: unknown) => {
          error = e;
        },
      );
      expect(error).toBeInstanceOf(ValidationError);
      const v = error as ValidationError;
      expect(v.subject).toBe('LoadModelOptions');
      expect(v.issues).toEqual([
        expect.objectContaining({
          path: ['intraOpNumThreads'],
          code: 'invalid_value',
          expected: '1',
          received: typeof threads === 'number' ? String(threads) : 'string',
          message: expect.stringMatching(/must be 1: .*order.*decideBatch/),
        }),
      ]);
    }
  });

  // The session runs its graph sequentially (executionMode 'sequential'), where onnxruntime ignores
  // interOpNumThreads: 4 was taken and did nothing, and the caller was not told.
  it('refuses interOpNumThreads other than 1, naming the option and why', async () => {
    for (const threads of [0, 2, 4, 1025, 2 ** 31, 1.5, 'x']) {
      const error = await load(path, { interOpNumThreads: threads }).then(
        async (m) => {
          await m.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      const v = error as ValidationError;
      expect(v.subject).toBe('LoadModelOptions');
      expect(v.issues).toEqual([
        expect.objectContaining({
          path: ['interOpNumThreads'],
          code: 'invalid_value',
          expected: '1',
          received: typeof threads === 'number' ? String(threads) : 'string',
          message: expect.stringMatching(/must be 1: .*sequential/),
        }),
      ]);
    }
  });

  it('still loads with every option given right', async () => {
    const model = await load(path, { intraOpNumThreads: 1, interOpNumThreads: 1, allowMonotoneViolations: false, evaluator: 'auto' });
    await model.close();
  });
});
