import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountedInputLines } from '../../src/report/countedInputLines.js';

/** One answer of a score output: the input line it names, and the text of an error line (absent: a decision). */
const answer = fc.record({
  inputLine: fc.integer({ min: 1, max: 6 }),
  errorText: fc.option(fc.constantFrom('{"error":"a"}', '{"error":"b"}'), { nil: undefined }),
});

describe('CountedInputLines', () => {
  it("law: every answer counted is its input line's first or said as counted again; an error line is left out only as a copy of its input line's first error line", () => {
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 40 }), (answers) => {
        const c = new CountedInputLines();
        const firstError = new Map<number, string>();
        const lines = new Set<number>();
        let counted = 0;
        for (const [i, a] of answers.entries()) {
          const copy = a.errorText !== undefined && firstError.get(a.inputLine) === a.errorText;
          expect(c.countAnswer(a.inputLine, `line ${i + 1}`, a.errorText)).toBe(!copy);
          if (copy) continue;
          counted++;
          lines.add(a.inputLine);
          if (a.errorText !== undefined && !firstError.has(a.inputLine)) firstError.set(a.inputLine, a.errorText);
        }
        expect(counted).toBe(lines.size + c.countedAgain);
        expect(c.copiesLeftOut).toBe(answers.length - counted);
        expect(c.warnings('F').length).toBe((c.copiesLeftOut > 0 ? 1 : 0) + (c.countedAgain > 0 ? 1 : 0));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('names the places of each, the first five and how many more', () => {
    const c = new CountedInputLines();
    for (let i = 1; i <= 8; i++) c.countAnswer(i, `line ${i}`);
    for (let i = 1; i <= 7; i++) c.countAnswer(i, `line ${8 + i}`);
    expect(c.warnings('out.ndjson')).toEqual([
      expect.stringMatching(
        /^7 line\(s\) of out\.ndjson answer an input line an earlier counted line answers too \(line 9 \(input line 1\), line 10 \(input line 2\), line 11 \(input line 3\), line 12 \(input line 4\), line 13 \(input line 5\) and 2 more\): each answer is counted, so the figures count 7 answer\(s\) more/,
      ),
    ]);
  });
});
