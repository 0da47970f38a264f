/**
 * The guard against protected characteristics as model inputs, whatever the column or feature is
 * called: `sex_male`, `gender.F`, `Personal.Female.Single`, `isfemale`, `bloodgroup`, `MaritalStatus`,
 * `religion_code`, `民族`, `婚否`. One implementation for the trainer (columns of training data), the
 * feature set (a lender's own features) and the model importer (a foreign model's inputs).
 *
 * A name is split into words (separators, camelCase, digits). A word run together from several
 * (`isfemale`, `ethnicgroup`, `nationalorigin`) is segmented into known tokens: the protected
 * synonyms and a short list of harmless glue (`is`, `has`, `flag`, `code`, `group`, `type`,
 * `status`, `num`, ...). A word is only read as tokens when it splits into known tokens with
 * nothing left over, so `international` (no `inter` token) never yields `nation`, and `mandate`
 * (no `date` token) never yields `man`. Each token, and each pair of neighbouring tokens read
 * together (`blood`+`group`, `skin`+`colour`, `national`+`origin`, `face`+`id`,
 * `partner`+`status`), is looked up in a curated synonym list. Chinese names are matched by the
 * characters they contain, after taking out harmless words that contain them (`子女`, children).
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

// Words (and pairs of words written together) that name a protected characteristic.
const WORDS: Readonly<Record<ProtectedCharacteristic, readonly string[]>> = {
  sex: [
    'sex',
    'gender',
    'gndr',
    'xingbie',
    'transgender',
    'male',
    'female',
    'males',
    'females',
    'man',
    'woman',
    'men',
    'women',
    'masculine',
    'feminine',
    'boy',
    'girl',
    // French and German, as a foreign book names the column.
    'sexe',
    'geschlecht',
  ],
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
    'partnerstatus',
    'civilstatus',
    'relationshipstatus',
    'cohabiting',
    'hunyin',
  ],
  religion: ['religion', 'religious', 'zongjiao', 'faith', 'church', 'mosque', 'buddhist', 'muslim', 'christian', 'catholic', 'hindu', 'jewish', 'atheist'],
  ethnicity: ['ethnicity', 'ethnic', 'race', 'racial', 'minzu', 'uyghur', 'tibetan', 'caste', 'minority', 'skincolour', 'skincolor', 'skintone'],
  nationality: ['nation', 'nationality', 'citizenship', 'citizen', 'hukou', 'immigrant', 'immigration', 'nationalorigin', 'countryoforigin'],
  pregnancy: ['pregnancy', 'pregnant', 'maternity'],
  health: ['health', 'jiankang', 'disease', 'illness', 'medical', 'diagnosis', 'disability', 'disabled', 'handicap', 'cancer', 'hiv', 'chronic', 'depression'],
  genetic: ['gene', 'genes', 'genetic', 'genetics', 'genome', 'genomic', 'genotype', 'dna'],
  biometric: [
    'fingerprint',
    'fingerprints',
    'bloodtype',
    'bloodgroup',
    'biometric',
    'biometrics',
    'iris',
    'retina',
    'voiceprint',
    'faceprint',
    'palmprint',
    'faceid',
    'facerecognition',
    'facescan',
    'facetemplate',
    'facevector',
    'faceembedding',
  ],
  sexual_orientation: ['sexualorientation', 'sexuality', 'sexual', 'lgbt', 'lgbtq', 'gay', 'lesbian', 'homosexual', 'bisexual'],
  // Pinyin beside: 党员 (party member), 政治面貌 (political status on a Chinese form).
  political_opinion: ['political', 'politicalaffiliation', 'partymember', 'partymembership', 'partyaffiliation', 'dangyuan', 'zhengzhimianmao'],
};

/** Every characteristic the guard knows, in the order {@link ProtectedCharacteristic} lists them. */
export const PROTECTED_CHARACTERISTICS: readonly ProtectedCharacteristic[] = Object.freeze(Object.keys(WORDS) as ProtectedCharacteristic[]);

/**
 * Harmless words a protected synonym is glued to in column names (`isfemale`, `ethnicgroup`,
 * `genotype_code`), and the halves of protected pairs (`blood`+`group`, `national`+`origin`). They
 * only let a run-together word be segmented; on their own they name nothing.
 */
const GLUE = [
  'is',
  'has',
  'was',
  'flag',
  'code',
  'group',
  'type',
  'status',
  'num',
  'no',
  'id',
  'cd',
  'ind',
  'indicator',
  'cat',
  'category',
  'class',
  'value',
  'val',
  'level',
  'info',
  'history',
  'affiliation',
  'applicant',
  'borrower',
  'customer',
  'client',
  'person',
  'personal',
  'self',
  'main',
  'primary',
  'of',
  'white',
  'black',
  'asian',
  'blood',
  'skin',
  'colour',
  'color',
  'tone',
  'national',
  'country',
  'origin',
  'face',
  'voice',
  'finger',
  'palm',
  'print',
  'recognition',
  'scan',
  'template',
  'partner',
  'civil',
  'relationship',
  'financial',
  'orientation',
  // pinyin: 状况 (status), as in hunyinzhuangkuang
  'zhuangkuang',
];

// Chinese terms, matched as substrings. A bare 男 or 女 names sex; 婚 marriage (婚否, 已婚, 离婚).
const CHINESE: Readonly<Record<ProtectedCharacteristic, readonly string[]>> = {
  sex: ['性别', '男', '女'],
  marital_status: ['婚', '配偶', '离异', '丧偶'],
  religion: ['宗教', '信仰'],
  ethnicity: ['民族', '种族', '肤色'],
  nationality: ['国籍', '户籍', '籍贯'],
  pregnancy: ['怀孕', '孕'],
  health: ['疾病', '病史', '健康', '残疾', '体检', '慢性病'],
  genetic: ['基因', '遗传'],
  biometric: ['指纹', '血型', '声纹', '人脸', '面部', '虹膜', '掌纹'],
  sexual_orientation: ['性取向', '同性恋'],
  political_opinion: ['政治', '党派', '党员'],
};
// Harmless words holding a protected character: 子女/儿女 are children (a dependants count), 财务健康
// financial health; 健康管理 health management (健康管理师, a qualification); 婚姻咨询 marriage counselling
// and 婚礼/婚庆 weddings (occupations: 婚姻咨询师, 婚礼策划师).
const CHINESE_HARMLESS = ['子女', '儿女', '财务健康', '健康管理', '婚姻咨询', '婚礼', '婚庆'];

// Words read together that name something else than the person's characteristic: a financial or
// account state ("financial health", "account health", "autopay disabled"), an insurance scheme the
// applicant pays into (medical and maternity insurance are two of China's five social insurances),
// an occupation or qualification ("health manager", "maternity nurse", "marriage counsellor",
// "health and safety officer"). Checked before the words alone; a name refused for anything else
// still is ("health_certificate", "marriage_certificate").
const NOT_PROTECTED_PAIRS = new Set([
  'financialhealth',
  'accounthealth',
  'credithealth',
  'medicalinsurance',
  'healthinsurance',
  'maternityinsurance',
  'disabledautopay',
  'autopaydisabled',
  'healthmanager',
  'healthmanagement',
  'maternitynurse',
  'maternitynursing',
  'marriagecounsellor',
  'marriagecounselor',
  'marriagecounselling',
  'marriagecounseling',
  'healthsafety',
  'healthandsafety',
]);

const byWord = new Map<string, ProtectedCharacteristic>();
for (const [c, words] of Object.entries(WORDS) as [ProtectedCharacteristic, readonly string[]][]) for (const w of words) byWord.set(w, c);
const TOKENS = new Set<string>([...byWord.keys(), ...GLUE]);
/** The words and glue a run-together word is segmented into (for tests). */
export const COLUMN_TOKENS: ReadonlySet<string> = TOKENS;

/** The words of a column name: NFKC, camelCase and digits split, lower case, separators dropped. */
export function columnWords(name: string): string[] {
  return (
    name
      .normalize('NFKC')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      // An acronym before a word (HTMLParser): a space after each capital that a capital and a small
      // letter follow. Not /([A-Z]+)([A-Z][a-z])/, which backtracks quadratically over a long run of
      // capitals (64,000 of them: 22 s, before a catalog name's length was even checked).
      .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length > 0)
  );
}

/** The tokens as a trie over a-z (the letters columnWords leaves): `end` marks a token ending at that node. */
interface TokenNode {
  readonly next: (TokenNode | undefined)[];
  end: boolean;
}
const A = 'a'.charCodeAt(0);
const TOKEN_TRIE: TokenNode = { next: [], end: false };
for (const t of TOKENS) {
  let node = TOKEN_TRIE;
  for (let j = 0; j < t.length; j++) {
    const c = t.charCodeAt(j) - A;
    let child = node.next[c];
    if (child === undefined) {
      child = { next: [], end: false };
      node.next[c] = child;
    }
    node = child;
  }
  node.end = true;
}

/**
 * `word` split into known tokens with nothing left over, in the fewest tokens (ties: the longer
 * first token); `[word]` when it is a token itself or splits into none. Linear in the word's length
 * (no token is longer than a few dozen letters): a million-letter key is read in milliseconds, where
 * building each position's split by copying took 34 s for `is` written 20,000 times.
 */
export function segmentWord(word: string): string[] {
  // Every token has two letters or more.
  if (word.length < 4 || TOKENS.has(word)) return [word];
  const n = word.length;
  // count[i]: the fewest tokens word.slice(i) splits into (0 at the end, -1 when it splits into
  // none); cut[i]: where the first of them ends.
  const count = new Int32Array(n + 1).fill(-1);
  const cut = new Int32Array(n + 1);
  count[n] = 0;
  for (let i = n - 2; i >= 0; i--) {
    let node: TokenNode | undefined = TOKEN_TRIE;
    for (let j = i; j < n; j++) {
      node = node.next[word.charCodeAt(j) - A];
      if (node === undefined) break;
      // A token of two letters or more that leaves a splittable rest; the longest first token
      // among the fewest: a longer one replaces a shorter one of as few.
      const rest = count[j + 1] as number;
      if (!node.end || j === i || rest < 0) continue;
      if (count[i] === -1 || rest + 1 <= (count[i] as number)) {
        count[i] = rest + 1;
        cut[i] = j + 1;
      }
    }
  }
  if (count[0] === -1) return [word];
  const tokens: string[] = [];
  for (let i = 0; i < n; i = cut[i] as number) tokens.push(word.slice(i, cut[i]));
  return tokens;
}

/**
 * The protected characteristic a column or feature name refers to, or `null`. Single letters
 * (`gender.F`) need the word before them to be the characteristic itself, which it then is.
 *
 * @example protectedCharacteristicOf('Personal.Female.Single') // 'sex'
 * @example protectedCharacteristicOf('isfemale') // 'sex'
 * @example protectedCharacteristicOf('blood_group') // 'biometric'
 * @example protectedCharacteristicOf('income_rmb') // null
 * @example protectedCharacteristicOf('international_transfers') // null
 */
export function protectedCharacteristicOf(name: string): ProtectedCharacteristic | null {
  let chinese = name.normalize('NFKC');
  for (const harmless of CHINESE_HARMLESS) chinese = chinese.split(harmless).join(' ');
  for (const [c, terms] of Object.entries(CHINESE) as [ProtectedCharacteristic, readonly string[]][]) {
    if (terms.some((t) => chinese.includes(t))) return c;
  }
  const tokens = columnWords(name).flatMap(segmentWord);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i] as string;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (prev !== undefined && NOT_PROTECTED_PAIRS.has(prev + w)) continue;
    if (next !== undefined && NOT_PROTECTED_PAIRS.has(w + next)) continue;
    const after = tokens[i + 2];
    if (next !== undefined && after !== undefined && NOT_PROTECTED_PAIRS.has(w + next + after)) continue;
    if (next !== undefined) {
      const pair = byWord.get(w + next);
      if (pair !== undefined) return pair;
      const third = tokens[i + 2];
      const triple = third === undefined ? undefined : byWord.get(w + next + third);
      if (triple !== undefined) return triple;
    }
    const hit = byWord.get(w);
    if (hit !== undefined) return hit;
  }
  return null;
}

/** One refused name: where it is, the stable code and a message naming it and the characteristic. */
export interface ProtectedNameIssue {
  readonly path: (string | number)[];
  readonly code: 'protected_characteristic';
  readonly message: string;
}

/**
 * An issue for each name that names a protected characteristic (a lender's feature, its sources
 * and attributes, an imported model's input, a certificate kind), at `pathOf(index)`: such a
 * feature is never a model input, whatever data category it is declared under. `what` names the
 * thing in the message and `note` ends it.
 */
export function protectedNameIssues(
  names: readonly string[],
  pathOf: (index: number) => (string | number)[],
  what = 'feature',
  note = ', whatever its data category',
): ProtectedNameIssue[] {
  const issues: ProtectedNameIssue[] = [];
  names.forEach((name, i) => {
    const characteristic = protectedCharacteristicOf(name);
    if (characteristic !== null)
      issues.push({
        path: pathOf(i),
        code: 'protected_characteristic',
        message: `${what} "${name}" names a protected characteristic (${characteristic}) and is never a model input${note}`,
      });
  });
  return issues;
}
