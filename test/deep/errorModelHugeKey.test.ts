import { describe, it } from 'vitest';
import { expectKeyCut } from '../helpers/expectKeyCut.js';

// The unit suite checks a 2 MB key; parsing 20 MB takes about 8 s, so it runs here.
describe('one error model, at size', () => {
  it('a 20 MB unknown key is cut to 64 characters wherever it is echoed; the error stays small', () => {
    expectKeyCut(20 * 1024 * 1024);
  });
});
