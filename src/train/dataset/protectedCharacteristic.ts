/**
 * The trainer's guard against protected characteristics as model inputs, whatever the column is
 * called: `sex_male`, `gender.F`, `Personal.Female.Single`, `MaritalStatus`, `religion_code`,
 * `民族`. A column name is split into words (separators, camelCase, digits), and each word (and
 * each pair of neighbours run together, for `blood_type` or `sexual_orientation`) is looked up in
 * a curated synonym list. Chinese names are matched by the characters they contain.
 */

/** The characteristic a synonym names. */
export type ProtectedCharacteristic =
  | 'sex'
  | 'marital_status'
  | 'religion'
  | 'ethnicity'
  | 'nationality'
  | 'pregnancy'
  | 'health'
  | 'genetic'
  | 'biometric'
  | 'sexual_orientation'
  | 'political_opinion';

const WORDS: Readonly<Record<ProtectedCharacteristic, readonly string[]>> = {
  sex: ['sex', 'gender', 'male', 'female', 'males', 'females', 'man', 'woman', 'men', 'women', 'masculine', 'feminine', 'boy', 'girl'],
  marital_status: [
    'marital',
    'marriage',
    'married',
    'unmarried',
    'divorced',
    'divorce',
    'widowed',
    'widow',
    'widower',
    'spouse',
    'husband',
    'wife',
    'maritalstatus',
  ],
  religion: ['religion', 'religious', 'faith', 'church', 'mosque', 'buddhist', 'muslim', 'christian', 'catholic', 'hindu', 'jewish', 'atheist'],
  ethnicity: ['ethnicity', 'ethnic', 'race', 'racial', 'minzu', 'uyghur', 'tibetan', 'caste'],
  nationality: ['nation', 'nationality', 'citizenship', 'citizen', 'hukou', 'immigrant', 'immigration'],
  pregnancy: ['pregnancy', 'pregnant', 'maternity'],
  health: ['health', 'disease', 'illness', 'medical', 'diagnosis', 'disability', 'disabled', 'handicap', 'cancer', 'hiv'],
  genetic: ['gene', 'genes', 'genetic', 'genome', 'dna'],
  biometric: ['fingerprint', 'fingerprints', 'bloodtype', 'biometric', 'iris'],
  sexual_orientation: ['sexualorientation', 'lgbt', 'gay', 'lesbian', 'homosexual'],
  political_opinion: ['political', 'politicalaffiliation'],
};

const CHINESE: Readonly<Record<ProtectedCharacteristic, readonly string[]>> = {
  sex: ['性别', '男性', '女性'],
  marital_status: ['婚姻', '已婚', '未婚', '离异', '配偶'],
  religion: ['宗教', '信仰'],
  ethnicity: ['民族', '种族'],
  nationality: ['国籍', '户籍'],
  pregnancy: ['怀孕', '孕'],
  health: ['疾病', '病史', '健康', '残疾'],
  genetic: ['基因'],
  biometric: ['指纹', '血型'],
  sexual_orientation: ['性取向'],
  political_opinion: ['政治', '党派'],
};

// Word pairs that read as something else: "financial health" is not health data.
const NOT_PROTECTED_PAIRS = new Set(['financialhealth']);

const byWord = new Map<string, ProtectedCharacteristic>();
for (const [c, words] of Object.entries(WORDS) as [ProtectedCharacteristic, readonly string[]][]) for (const w of words) byWord.set(w, c);

/** The words of a column name: NFKC, camelCase and digits split, lower case, separators dropped. */
export function columnWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

/**
 * The protected characteristic a column name refers to, or `null`. Single letters (`gender.F`)
 * need the word before them to be the characteristic itself, which it then is.
 *
 * @example protectedCharacteristicOf('Personal.Female.Single') // 'sex'
 * @example protectedCharacteristicOf('income_rmb') // null
 */
export function protectedCharacteristicOf(name: string): ProtectedCharacteristic | null {
  const normalized = name.normalize('NFKC');
  for (const [c, terms] of Object.entries(CHINESE) as [ProtectedCharacteristic, readonly string[]][]) {
    if (terms.some((t) => normalized.includes(t))) return c;
  }
  const words = columnWords(name);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    const prev = words[i - 1];
    if (prev !== undefined && NOT_PROTECTED_PAIRS.has(prev + w)) continue;
    if (next !== undefined && NOT_PROTECTED_PAIRS.has(w + next)) continue;
    if (next !== undefined) {
      const pair = byWord.get(w + next);
      if (pair !== undefined) return pair;
    }
    const hit = byWord.get(w);
    if (hit !== undefined) return hit;
  }
  // Run-together names (`maritalstatus`, `isreligious`): look for a synonym of 7+ letters inside
  // (shorter ones would find `nation` in `international`).
  const joined = words.join('');
  for (const [word, c] of byWord) if (word.length >= 7 && joined.includes(word)) return c;
  return null;
}
