// Outside tester findings15-audit F6: the adverse-action notice quoted a request of
// 9,007,199,254,740,991 fen (2^53 - 1, which the README accepts) as "90,071,992,547,409.9 RMB" /
// "90,071,992,547,409.9 元": it divided by 100 in floating point and rounded to two decimals. Every
// figure a person reads is now written from integer fen by one formatter, exact over the whole
// safe-integer range; the laws below check it there.
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yuanDigits } from '../../src/common/yuanDigits.js';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { formatYuan } from '../../src/health/money.js';
import { PLAYGROUND_SCRIPT } from '../../src/playground/playgroundScript.js';
import { formatRmb } from '../../src/report/formatMoney.js';

/** Any safe integer, its ends and the fen just below and above a yuan boundary weighted in. */
const anyFen = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(0, 1, 99, 100, 101, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 4_503_599_627_370_497, 9_007_199_254_740_900),
  fc.bigInt({ min: -90_071_992_547_409n, max: 90_071_992_547_409n }).chain((y) => fc.constantFrom(-1n, 0n, 1n, 99n).map((f) => Number(y * 100n + f))),
);

/** The fen a yuan text stands for, read back in BigInt (no float on the way). */
function fenOf(text: string, prefix = ''): bigint {
  const m = new RegExp(`^(-?)${prefix}(\\d{1,3}(?:,\\d{3})*)(?:\\.(\\d\\d))?$`).exec(text);
  if (m === null) throw new Error(`not a yuan figure: ${text}`);
  const fen = BigInt((m[2] as string).replaceAll(',', '')) * 100n + BigInt(m[3] ?? '0');
  return m[1] === '-' ? -fen : fen;
}

const params = { seed: 615, numRuns: 2000 };

describe('money for people is written from integer fen exactly (every safe integer)', () => {
  it('yuanDigits reads back as the fen it was given, grouped by thousands, fen only when present', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        const text = yuanDigits(fen);
        expect(fenOf(text)).toBe(BigInt(fen));
        expect(text.includes('.')).toBe(fen % 100 !== 0);
        expect(fenOf(yuanDigits(fen, 'always'))).toBe(BigInt(fen));
        expect(yuanDigits(fen, 'always')).toMatch(/\.\d\d$/);
      }),
      params,
    );
  });

  it('formatRmb (report, --summary, score, simulation and monitor pages) and formatYuan (budget text) read back as their fen', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        expect(fenOf(formatRmb(fen), '¥')).toBe(BigInt(fen));
        expect(fenOf(formatYuan(fen), '¥')).toBe(BigInt(fen));
      }),
      params,
    );
  });

  it('the playground page writes figures and fills amount fields exactly', () => {
    // The two functions as the page defines them, run on their own.
    const source = (name: string) => new RegExp(`function ${name}\\(fen\\) \\{[\\s\\S]*?\\n\\}\\n`).exec(PLAYGROUND_SCRIPT)?.[0] ?? '';
    const page = runInNewContext(`${source('yuan')}${source('fromFen')}({ yuan, fromFen })`) as { yuan(f: number): string; fromFen(f: number): string };
    fc.assert(
      fc.property(anyFen, (fen) => {
        expect(fenOf(page.yuan(fen), '\u00a5')).toBe(BigInt(fen));
        const field = page.fromFen(fen);
        const [whole, cents = '0'] = field.replace('-', '').split('.');
        expect((BigInt(whole as string) * 100n + BigInt(cents)) * (fen < 0 ? -1n : 1n)).toBe(BigInt(fen));
      }),
      params,
    );
    expect(page.fromFen(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('a fraction of a fen, NaN or an infinity is refused naming fen, never written rounded', () => {
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => yuanDigits(bad)).toThrow(ValidationError);
      expect(() => formatRmb(bad)).toThrow(/fen/);
    }
  });
});

describe('the adverse-action notice quotes 2^53 - 1 fen to the fen', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer();
  });
  afterAll(async () => {
    await scorer.close();
  });

  it('"you asked for 90,071,992,547,409.91 RMB" in English and Chinese (was ".9")', async () => {
    const applicant = exampleApplicants[0]!.applicant;
    const d = await scorer.decide({ ...applicant, controls: { ...applicant.controls, requestedLimit: Number.MAX_SAFE_INTEGER } });
    expect(d.requestedLimit).toBe(Number.MAX_SAFE_INTEGER);
    const notice = adverseActionNotice(d);
    expect(renderAdverseActionNotice(notice, 'en')).toContain('(you asked for 90,071,992,547,409.91 RMB)');
    expect(renderAdverseActionNotice(notice, 'zhHans')).toContain('（您申请 90,071,992,547,409.91 元）');
  });
});
