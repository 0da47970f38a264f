/**
 * Capital letters of other scripts drawn like a Latin capital, each to that Latin letter: Cyrillic
 * (А В Е К М Н О Р С Т Х У Ү І Ӏ Ј Ѕ Һ Ԛ Ԝ З), Greek (Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϳ), Armenian Օ,
 * Cherokee Ꭺ Ᏼ Ꮯ Ꭼ Ꮋ Ꭻ Ꮶ Ꮇ Ꮲ Ꮪ Ꭲ Ꮃ Ꮓ, and Lisu ꓮ ꓐ ꓚ ꓓ ꓰ ꓝ ꓖ ꓧ ꓲ ꓙ ꓗ ꓡ ꓟ ꓠ ꓳ ꓑ ꓣ ꓢ ꓔ ꓴ ꓦ ꓫ ꓬ ꓜ.
 * Text is upper-cased before it is looked up (lower-case Cyrillic а, е, о, р, с, х, і, ј, ѕ upper-case to
 * letters listed here), so the reading does not depend on case. Why: an issuer written `DіDі Chuxing`
 * with a Cyrillic і reads as `DiDi Chuxing` to a person, and must be one issuer to the duplicate check.
 */
const PAIRS = [
  // Cyrillic
  'АA ВB ЕE КK МM НH ОO РP СC ТT ХX УY ҮY ІI ӀI ЈJ ЅS ҺH ԚQ ԜW З3',
  // Greek
  'ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX ͿJ',
  // Armenian, Cherokee, Lisu
  'ՕO ᎪA ᏴB ᏟC ᎬE ᎻH ᎫJ ᏦK ᎷM ᏢP ᏚS ᎢT ᎳW ᏃZ',
  'ꓮA ꓐB ꓚC ꓓD ꓰE ꓝF ꓖG ꓧH ꓲI ꓙJ ꓗK ꓡL ꓟM ꓠN ꓳO ꓑP ꓣR ꓢS ꓔT ꓴU ꓦV ꓫX ꓬY ꓜZ',
];

/** Each look-alike capital to the Latin capital (or digit: Cyrillic З is drawn as 3) it is drawn like. */
export const LATIN_OF_LOOK_ALIKE: ReadonlyMap<string, string> = new Map(
  PAIRS.flatMap((group) => group.split(' ').map((pair) => [...pair] as [string, string])),
);

/**
 * The Greek lunate sigma `ϲ` `Ϲ`, drawn as a C: NFKD turns it into `σ`/`Σ`, so it is read as `C` before
 * NFKD, where the table above is read after.
 */
export const LUNATE_SIGMA = /[\u03f2\u03f9]/g;

/** Any character of {@link LATIN_OF_LOOK_ALIKE}. */
export const LOOK_ALIKE = new RegExp(`[${[...LATIN_OF_LOOK_ALIKE.keys()].join('')}]`, 'gu');
