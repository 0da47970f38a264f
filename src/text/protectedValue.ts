import { truncateForMessage } from '../errors/truncateForMessage.js';
import { inInstitutionName, withoutChineseInstitutionNames } from './institutionNames.js';
import { columnWords, segmentWord, type ProtectedCharacteristic, type ProtectedNameIssue } from './protectedCharacteristic.js';

/**
 * The guard against protected characteristics carried in a category's VALUE rather than its name: a
 * lender's `segment` with categories `male` and `female`, `婚姻` with `已婚`, a column of religions.
 * The name reader (protectedCharacteristic.ts) passes `segment`; this reads what it holds. One
 * implementation for the feature set (a categorical feature's `categories`, the enum and literal
 * values an attribute schema declares), the trainer (categories learned from the data) and the model
 * importer (a foreign model's categories).
 *
 * A value names far less than a column name does, so the list is narrower than the name reader's:
 * only words that name the group a person belongs to (`female`, `divorced`, `pregnant`, `uyghur`,
 * `muslim`, `lesbian`, `hukou`), never the topics a name list holds (`health` is an industry,
 * `disabled` a setting, `political` a field of study, `white` and `black` card tiers, `single` a
 * repayment type, `man` a truck maker). Values are read as names are read (separators, camelCase,
 * run-together words of known tokens), so `female_founder_fund` and `isFemale` are refused: whoever
 * falls in that category is told apart by their sex. Single letters are never read (`M`/`F` are sizes
 * and grades as often as sexes; a column whose name says sex is refused by its name). Chinese values
 * are read by the terms they contain, never a bare `男` or `女` inside a word (`女装`, `子女`): only a
 * value that is `男` or `女` alone. An institution or place named for whom it serves ("Maternity and
 * Child Health Hospital", 广西壮族自治区) is a name, not a statement of the group (institutionNames.ts).
 */

// Words (and two words read together) that name a protected group as a value.
const WORDS: Readonly<Record<ProtectedCharacteristic, readonly string[]>> = {
  sex: ['male', 'female', 'males', 'females', 'woman', 'women', 'transgender', 'nonbinary', 'intersex'],
  marital_status: ['married', 'unmarried', 'remarried', 'divorced', 'widowed', 'widow', 'widower', 'cohabiting', 'civilpartnership', 'hunyin'],
  pregnancy: ['pregnant', 'pregnancy', 'maternity'],
  religion: [
    'muslim',
    'muslims',
    'islam',
    'islamic',
    'christian',
    'christians',
    'christianity',
    'catholic',
    'protestant',
    'buddhist',
    'buddhism',
    'hindu',
    'hinduism',
    'jewish',
    'judaism',
    'sikh',
    'taoist',
    'taoism',
    'daoist',
    'daoism',
    'atheist',
  ],
  ethnicity: [
    'uyghur',
    'uighur',
    'tibetan',
    'hispanic',
    'latino',
    'latina',
    'latinx',
    'caucasian',
    'aboriginal',
    'indigenous',
    'africanamerican',
    'ethnicminority',
    'hanchinese',
    'minzu',
  ],
  nationality: ['hukou', 'immigrant', 'immigrants'],
  health: ['disability', 'handicapped'],
  genetic: [],
  biometric: [],
  sexual_orientation: ['gay', 'lesbian', 'homosexual', 'bisexual', 'heterosexual', 'lgbt', 'lgbtq', 'queer'],
  political_opinion: ['partymember'],
};

// Words read together that name something else: a scheme the applicant pays into or an occupation.
const NOT_PROTECTED_PAIRS = new Set(['maternityinsurance', 'maternitynurse', 'maternitynursing', 'disabilityinsurance']);

// Chinese terms, matched as substrings of the value.
const CHINESE: Readonly<Record<ProtectedCharacteristic, readonly string[]>> = {
  sex: ['男性', '女性', '男士', '女士', '男生', '女生'],
  marital_status: ['已婚', '未婚', '离异', '离婚', '丧偶', '再婚', '单身', '婚姻'],
  pregnancy: ['怀孕', '孕妇', '孕期'],
  religion: ['宗教', '佛教', '基督教', '天主教', '伊斯兰教', '道教', '穆斯林', '基督徒', '佛教徒', '无神论'],
  ethnicity: [
    '少数民族',
    '汉族',
    '壮族',
    '回族',
    '满族',
    '维吾尔族',
    '苗族',
    '彝族',
    '土家族',
    '藏族',
    '蒙古族',
    '侗族',
    '布依族',
    '瑶族',
    '白族',
    '朝鲜族',
    '哈尼族',
    '黎族',
    '哈萨克族',
    '傣族',
    '畲族',
  ],
  nationality: ['户口', '户籍'],
  health: ['残疾', '残障'],
  genetic: [],
  biometric: [],
  sexual_orientation: ['同性恋', '双性恋', '异性恋'],
  political_opinion: ['党员'],
};
// Harmless words holding a term: 婚姻咨询 (marriage counselling, an occupation).
const CHINESE_HARMLESS = ['婚姻咨询'];
// A value that is this character alone names a sex (性别 男/女); inside a word it need not (女装, 子女).
const CHINESE_ALONE: Readonly<Record<string, ProtectedCharacteristic>> = { 男: 'sex', 女: 'sex' };

const byWord = new Map<string, ProtectedCharacteristic>();
for (const [c, words] of Object.entries(WORDS) as [ProtectedCharacteristic, readonly string[]][]) for (const w of words) byWord.set(w, c);
const ETHNIC_NAMES: ReadonlySet<string> = new Set(WORDS.ethnicity);

/** A protected group a category value names, and the word or term that names it. */
export interface ProtectedValue {
  readonly characteristic: ProtectedCharacteristic;
  readonly term: string;
}

// How much of a value is read: no category is longer, and a hostile megabyte value is not read as words.
const MAX_VALUE_READ = 1024;

/**
 * The protected group a category value names, or `null`.
 *
 * @example protectedValueOf('female') // { characteristic: 'sex', term: 'female' }
 * @example protectedValueOf('Divorced') // { characteristic: 'marital_status', term: 'divorced' }
 * @example protectedValueOf('已婚') // { characteristic: 'marital_status', term: '已婚' }
 * @example protectedValueOf('marketing') // null
 * @example protectedValueOf('F') // null (single letters are never read)
 */
export function protectedValueOf(value: string): ProtectedValue | null {
  const text = (value.length > MAX_VALUE_READ ? value.slice(0, MAX_VALUE_READ) : value).normalize('NFKC').trim();
  const alone = CHINESE_ALONE[text];
  if (alone !== undefined) return { characteristic: alone, term: text };
  let chinese = withoutChineseInstitutionNames(text, CHINESE.ethnicity);
  for (const harmless of CHINESE_HARMLESS) chinese = chinese.split(harmless).join(' ');
  for (const [c, terms] of Object.entries(CHINESE) as [ProtectedCharacteristic, readonly string[]][]) {
    const term = terms.find((t) => chinese.includes(t));
    if (term !== undefined) return { characteristic: c, term };
  }
  const tokens = columnWords(text).flatMap(segmentWord);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i] as string;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev !== undefined && NOT_PROTECTED_PAIRS.has(prev + w)) continue;
    if (next !== undefined && NOT_PROTECTED_PAIRS.has(w + next)) continue;
    const pair = next === undefined ? undefined : byWord.get(w + next);
    if (pair !== undefined) return { characteristic: pair, term: `${w} ${next}` };
    const hit = byWord.get(w);
    if (hit !== undefined && !inInstitutionName(tokens, i, hit, ETHNIC_NAMES)) return { characteristic: hit, term: w };
  }
  return null;
}

/**
 * An issue for each category value that names a protected group, at `pathOf(index)`: whatever the
 * feature or column holding it is called, the model would tell applicants apart by it. `what` names
 * the holder in the message (`feature "segment"`), and `note` ends it.
 */
export function protectedValueIssues(
  values: readonly string[],
  pathOf: (index: number) => (string | number)[],
  what: string,
  note = ', whatever the feature is called',
): ProtectedNameIssue[] {
  const issues: ProtectedNameIssue[] = [];
  values.forEach((value, i) => {
    const found = protectedValueOf(value);
    if (found !== null)
      issues.push({
        path: pathOf(i),
        code: 'protected_characteristic',
        message: `${what} holds the value "${truncateForMessage(value)}", which names a protected characteristic (${found.characteristic}: "${found.term}"): it is never a model input${note}`,
      });
  });
  return issues;
}
