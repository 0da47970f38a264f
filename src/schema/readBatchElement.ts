import { ValidationError } from '../errors/validationError.js';

/**
 * Reads element `index` of a batch: a hole in a sparse array or an element whose read throws (a
 * getter, a proxy) is that record's own ValidationError (`missing_element`, `unreadable_input`),
 * so one unreadable element never sinks the batch nor leaves its result empty.
 *
 * @throws ValidationError for that one element
 */
export function readBatchElement(batch: readonly unknown[], index: number): unknown {
  let present: boolean;
  let value: unknown;
  try {
    present = index in batch;
    value = present ? batch[index] : undefined;
  } catch (e) {
    throw new ValidationError('Applicant', [
      { path: [], code: 'unreadable_input', message: `Input could not be read: ${e instanceof Error ? e.name : typeof e}` },
    ]);
  }
  if (!present)
    throw new ValidationError('Applicant', [{ path: [], code: 'missing_element', message: `no applicant at index ${index}: a hole in a sparse array` }]);
  return value;
}
