// Ways a credential number is disguised as another: invisible characters inserted, look-alike
// letters of other scripts swapped in (findings13-security #1).
import fc from 'fast-check';

/** Invisible code points Unicode calls letters or marks: Hangul fillers, a grapheme joiner, variation selectors, Khmer inherent vowels, a Mongolian free variation selector. */
export const INVISIBLE = ['\u3164', '\uffa0', '\u115f', '\u1160', '\u034f', '\ufe0f', '\ufe00', '\u180b', '\u17b4', '\u17b5', '\u200b', '\u2060'];

/** Look-alikes of Latin capital letters and digits from other scripts (Cyrillic, Greek, Armenian, Cherokee, Lisu). */
export const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = {
  A: ['\u0410', '\u0391', '\u0430'],
  B: ['\u0412', '\u0392'],
  C: ['\u0421', '\u0441', '\u03f9', '\u13df', '\ua4da'],
  E: ['\u0415', '\u0395', '\u0435'],
  H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399', '\u04c0'],
  J: ['\u0408'],
  K: ['\u041a', '\u039a'],
  M: ['\u041c', '\u039c'],
  N: ['\u039d'],
  O: ['\u041e', '\u039f', '\u0555', '\u043e'],
  P: ['\u0420', '\u03a1', '\u0440'],
  S: ['\u0405', '\u0455'],
  T: ['\u0422', '\u03a4'],
  X: ['\u0425', '\u03a7', '\u0445'],
  Y: ['\u04ae', '\u03a5'],
  Z: ['\u0396'],
  '0': ['\u041e', '\u039f', '\u0660', '\u06f0', '\u0966'],
  '3': ['\u0417', '\u04e0'],
  '8': ['\u09ea'],
};

/** A credential number with invisible characters inserted and look-alike letters swapped in. */
export function disguisedNumber(plain: string): fc.Arbitrary<string> {
  const swappable = [...plain].map((c, i) => [c, i] as const).filter(([c]) => LOOK_ALIKES[c] !== undefined);
  const insert = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE, '\u0323', '\u0301')), { maxLength: 3 });
  const swap =
    swappable.length === 0
      ? fc.constant([] as (readonly [number, string])[])
      : fc.array(
          fc.constantFrom(...swappable).chain(([c, i]) => fc.constantFrom(...(LOOK_ALIKES[c] as string[])).map((to) => [i, to] as const)),
          { maxLength: 2 },
        );
  return fc
    .tuple(insert, swap)
    .filter(([ins, sw]) => ins.length + sw.length > 0)
    .map(([ins, sw]) => {
      const chars = [...plain];
      for (const [i, to] of sw) chars[i] = to;
      let out = chars.join('');
      for (const [at, c] of ins) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + c + out.slice(i);
      }
      return out;
    });
}
