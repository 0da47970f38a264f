import type { z } from 'zod';
import { isDay, issueCode } from './validate.js';
import { monthIndexOf, monthOf } from './yearMonth.js';

/**
 * Adds an `out_of_range` issue at `asOf` when the `months` complete months before it would start
 * before January 0000: months are written YYYY-MM, so such a look-back has no months to name. An
 * `asOf` that is not a day has its own issue already, and none is added here.
 */
export function addLookBackIssue(ctx: z.RefinementCtx, asOf: string, months: number): void {
  if (!isDay(asOf)) return;
  const available = monthIndexOf(monthOf(asOf));
  if (available >= months) return;
  ctx.addIssue({
    code: 'custom',
    path: ['asOf'],
    message: `The ${months} complete months before ${asOf} start before January 0000; look back at most ${available}`,
    ...issueCode('out_of_range'),
  });
}
