import { describe, expect, it } from 'vitest';
import { resolveGbdtParams } from '../src/train/gbdt/gbdtParams.js';
import { readTrainNumber, TRAINER_NUMBER_OPTIONS } from '../src/train/commands/trainNumberOptions.js';

// A value `creditlift train` reads must be one the trainer takes: otherwise the command line says
// yes (a number) and the trainer no (exit 1, a ValidationError), or worse, the range drifts apart.
describe('creditlift train reads no trainer parameter the trainer would refuse', () => {
  for (const [flag, [param, option]] of Object.entries(TRAINER_NUMBER_OPTIONS)) {
    it(`--${flag}: its bounds, as the command line reads them, are trainer values`, () => {
      const texts =
        option.kind === 'whole'
          ? [String(option.min), String(option.max)]
          : ['minOpen' in option ? '0.000001' : String(option.min), 'max' in option ? String(option.max) : '1000000'];
      for (const text of texts) {
        const x = readTrainNumber(text, flag, option);
        expect(() => resolveGbdtParams({ [param]: x }), `${flag} ${text}`).not.toThrow();
      }
    });
  }
});
