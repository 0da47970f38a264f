// Run in a separate process by championChallenger.test.ts: prints the arm of each id it is given.
import { assignArm } from '../../src/decision/challengers/assignArm.js';

const ids = Array.from({ length: 2000 }, (_, i) => `applicant-${i}`);
process.stdout.write(
  JSON.stringify(
    ids.map((id) =>
      assignArm(
        id,
        [
          { name: 'a', share: 0.1 },
          { name: 'b', share: 0.25 },
        ],
        'test-key',
      ),
    ),
  ),
);
