// Dates are calendar dates (YYYY-MM-DD; a timestamp's Beijing day in the health module), counted by
// the integer functions of src/dates, each property-tested equal to date-fns. date-fns itself works
// on local midnights, so whatever went through it moved with the server's TZ setting: decisions on
// the days Asia/Shanghai skipped midnight, then (an outside tester) the monitor's periods, the
// report's dates, the playground's certificate date, bookSegments' age band and the seeded draws of
// creditlift/testing and creditlift/train. None of src may read a date in local time again.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The code lines of a file, comment lines left out (a comment may tell how local time went wrong). */
function codeLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line));
}

const LOCAL_TIME = [
  /from ['"]date-fns/,
  /\bnew Date\(/,
  /\.get(FullYear|Month|Date|Day|Hours|Minutes|TimezoneOffset)\(/,
  /\.set(FullYear|Month|Date|Hours)\(/,
  /\bDate\.parse\(/,
  /\btoLocale(Date|Time)?String\(\)/,
];

describe('no local time in src', () => {
  it('no source file imports date-fns, builds a Date or reads its local-time parts', () => {
    const offenders = sourceFiles(SRC).flatMap((f) =>
      codeLines(f)
        .filter((line) => LOCAL_TIME.some((re) => re.test(line)))
        .map((line) => `${relative(SRC, f)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
