import type { ProtectedCharacteristic } from './protectedCharacteristic.js';

/**
 * Institutions and places named for whom they serve or where they are: "Shenzhen Maternity and
 * Child Health Hospital" (妇幼保健院), "Women's and Children's Hospital", "All-China Women's
 * Federation", "Xinjiang Uyghur Autonomous Region", 广西壮族自治区. Such a name in an employer or address
 * field says where the applicant works or lives, not which group they are in, so the protected-value
 * reader (protectedValue.ts) passes the word there. Only the words listed here are ever passed, and
 * only when what follows them is the name's own wording up to the institution's noun: "maternity
 * leave", "women-owned clinic", "Uyghur family" and "female, works at the Women's Hospital" (female
 * is not a word an institution is named for) are still refused.
 */

/** The words an institution's noun lets pass, by the characteristic they would otherwise name. */
const SERVED: ReadonlyMap<string, ProtectedCharacteristic> = new Map([
  ['maternity', 'pregnancy'],
  ['women', 'sex'],
  ['woman', 'sex'],
]);
const INSTITUTIONS = new Set(['hospital', 'hospitals', 'clinic', 'clinics', 'centre', 'center', 'institute', 'federation']);
// China's autonomous regions, prefectures and counties are named for their peoples.
const PLACE = 'autonomous';
// The words an institution's name holds between whom it serves and its noun ("'s" reads as `s`).
const NAME_WORDS = new Set(['and', 'of', 'for', 's', 'child', 'children', 'childrens', 'infant', 'infants', 'health', 'healthcare', 'care', 'medical']);
// A name's wording is short: a sentence happening to reach "hospital" many words later is no name.
const MAX_NAME_WORDS = 6;

/**
 * True when `tokens[i]`, which names `characteristic`, is part of an institution's or place's name:
 * a served word (maternity, women) followed through name words to an institution's noun, or an
 * ethnic name followed by `autonomous` (other ethnic names of the same place between).
 */
export function inInstitutionName(tokens: readonly string[], i: number, characteristic: ProtectedCharacteristic, ethnicNames: ReadonlySet<string>): boolean {
  const word = tokens[i] as string;
  if (characteristic === 'ethnicity') {
    for (let j = i + 1; j < tokens.length && j <= i + MAX_NAME_WORDS; j++) {
      const next = tokens[j] as string;
      if (next === PLACE) return true;
      if (!ethnicNames.has(next) && next !== 'and') return false;
    }
    return false;
  }
  if (SERVED.get(word) !== characteristic) return false;
  for (let j = i + 1; j < tokens.length && j <= i + MAX_NAME_WORDS; j++) {
    const next = tokens[j] as string;
    if (INSTITUTIONS.has(next)) return true;
    if (!NAME_WORDS.has(next) && !SERVED.has(next)) return false;
  }
  return false;
}

/**
 * Chinese institutions whose whole name holds a protected term: the disabled persons' federation, a
 * marriage registry (an issuer of marriage-counselling and registry-staff certificates), a school for
 * pregnant women (an employer, an issuer of childbirth-education certificates). Whole names only: the
 * term alone (婚姻, 孕妇) or beside the name (已婚，婚姻登记处) is still read.
 */
const CHINESE_INSTITUTIONS = ['残疾人联合会', '婚姻登记处', '婚姻登记中心', '孕妇学校'];

/**
 * `text` with Chinese institution and place names that hold a protected term taken out: an ethnic
 * group's name (one or several) before 自治 (广西壮族自治区, 恩施土家族苗族自治州), and the names above
 * (残疾人联合会, 婚姻登记处, 孕妇学校). 妇幼保健院 and 妇联 hold no term and need no exception. Each name is
 * replaced by a space, so what stood on either side of it never joins into a term.
 */
export function withoutChineseInstitutionNames(text: string, ethnicTerms: readonly string[]): string {
  let out = text.replace(chinesePlacePattern(ethnicTerms), ' ');
  for (const name of CHINESE_INSTITUTIONS) if (out.includes(name)) out = out.split(name).join(' ');
  return out;
}

let cached: { readonly terms: readonly string[]; readonly pattern: RegExp } | undefined;
function chinesePlacePattern(terms: readonly string[]): RegExp {
  if (cached?.terms !== terms) cached = { terms, pattern: new RegExp(`(?:${terms.join('|')})+自治`, 'g') };
  return cached.pattern;
}
