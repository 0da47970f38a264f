import { afterEach, describe, expect, it } from 'vitest';
import { switchOffOnnxTelemetry } from '../../src/model/onnxTelemetry.js';

// Child processes showing that no telemetry is left on disk run with test:deep (test/deep/onnxTelemetry.test.ts).
describe('switchOffOnnxTelemetry', () => {
  const before = process.env.ORT_DISABLE_TELEMETRY;
  afterEach(() => {
    if (before === undefined) delete process.env.ORT_DISABLE_TELEMETRY;
    else process.env.ORT_DISABLE_TELEMETRY = before;
  });

  it('sets ORT_DISABLE_TELEMETRY=1 when it is unset or empty, and leaves any value the caller chose', () => {
    for (const [given, expected] of [
      [undefined, '1'],
      ['', '1'],
      ['0', '0'],
      ['false', 'false'],
      ['1', '1'],
    ] as const) {
      if (given === undefined) delete process.env.ORT_DISABLE_TELEMETRY;
      else process.env.ORT_DISABLE_TELEMETRY = given;
      switchOffOnnxTelemetry();
      expect(process.env.ORT_DISABLE_TELEMETRY, `given ${String(given)}`).toBe(expected);
    }
  });
});
