import { assertPd } from './assertPd.js';
import type { GradeBand, PolicyConfig } from './policyConfig.js';

/**
 * The risk grade a 12-month PD falls in: the first band whose `maxPd` is at least `pd`.
 * Total, because a valid policy's last band covers PD up to 1.
 *
 * @example gradeFor(0.03, defaultPolicy).grade // 'B'
 * @throws ValidationError when `pd` is not in [0, 1].
 */
export function gradeFor(pd: number, policy: PolicyConfig): GradeBand {
  assertPd(pd);
  for (const band of policy.grades) if (pd <= band.maxPd) return band;
  // Unreachable for a validated policy (last maxPd is 1); the last band is the safe answer.
  return policy.grades[policy.grades.length - 1] as GradeBand;
}
