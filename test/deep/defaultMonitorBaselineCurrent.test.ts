// The shipped monitor baseline is the default model's holdout as the code computes it today: the
// fourth session's certificate rules (scholarship age at issue, non-expiring kinds) moved the
// certificate features of the holdout, the file stayed as it was, and `creditlift monitor` would
// have reported that change as drift in a book that had not moved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMonitorBaselineJson } from '../../scripts/defaultMonitorBaseline.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';

describe('models/default/monitorBaseline.json', () => {
  it('equals what scripts/buildMonitorBaseline.ts computes now (rerun it after a change to evidence or features)', async () => {
    const shipped = readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8');
    const { text } = await defaultMonitorBaselineJson();
    expect(shipped).toBe(text);
  }, 60_000);
});
