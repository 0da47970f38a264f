import { z } from 'zod';
import { ValidationError } from '../errors/validationError.js';
import { LimitChange } from '../policy/stepLimit.js';

// Each record's own ledger in a batch (`BatchDecideOptions.limitHistories`), checked the same way
// in process and by the pool before it cuts the list into chunks.

/** `limitHistories` as given, if it is an array as long as the batch. @throws ValidationError otherwise (the whole call, as for any bad option) */
export function checkLimitHistories(h: unknown, length: number): readonly unknown[] | undefined {
  if (h === undefined) return undefined;
  if (!Array.isArray(h) || h.length !== length) {
    throw new ValidationError('decideBatch options', [
      {
        path: ['limitHistories'],
        code: 'invalid_length',
        message: `limitHistories must be an array with one entry (a ledger, or undefined) per record: ${length} records, ${Array.isArray(h) ? `${h.length} entries` : 'not an array'}`,
      },
    ]);
  }
  return h;
}

/** One record's ledger from `limitHistories`, its issues under `limitHistories.<index>`. */
export function parseRecordHistory(h: unknown, index: number): LimitChange[] {
  const r = z.array(LimitChange).max(1000).safeParse(h);
  if (!r.success) {
    const issues = ValidationError.fromZod('limitHistory', r.error).issues.map((i) => ({ ...i, path: ['limitHistories', index, ...i.path] }));
    throw new ValidationError('decideBatch options', issues);
  }
  return r.data;
}
