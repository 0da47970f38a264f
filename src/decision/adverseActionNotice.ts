import type { BilingualText } from '../explain/factorCatalog.js';
import { dataCategoryNames, type DataCategory } from '../schema/dataCategory.js';
import type { Decision } from './decision.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { readOptionsOrRefuse } from '../errors/readOptions.js';
import { notADecisionError } from './earlierRelease.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { yuanDigits } from '../common/yuanDigits.js';
import { checkDecision } from './checkDecision.js';
import { keyIssues } from './scorerKeys.js';

/**
 * An adverse-action notice as plain data (US Regulation B principal reasons; PIPL Art. 24 and EU
 * CCD2 Art. 18 explanation and review): what was decided, the principal reasons, the categories
 * of data used, and how to ask a person to review it.
 */
export interface AdverseActionNotice {
  readonly applicantId: string;
  readonly decisionId: string;
  readonly asOf: string;
  /**
   * True when the outcome is not approve, the limit is below what was asked, or the customer's line
   * went down or was closed (as principal reasons are owed).
   */
  readonly adverse: boolean;
  readonly outcome: Decision['outcome'];
  /** The decision's limit: granted, or for a referral only proposed to a person. Fen. */
  readonly limit: number;
  readonly requestedLimit: number | null;
  /** The customer's line before the decision (0: none). Fen. */
  readonly previousLimit: number;
  /** The line the customer holds after it (`lineOnFileAfter`): a referral's proposal grants nothing. Fen. */
  readonly lineOnFile: number;
  readonly lineAction: Decision['lineAction'];
  /** Up to four principal reasons, each naming a factor that was actually used. */
  readonly principalReasons: readonly { readonly code: string; readonly factor: string; readonly en: string; readonly zhHans: string }[];
  /** Categories of personal data used, with their names. */
  readonly dataCategories: readonly ({ readonly category: string } & BilingualText)[];
  /**
   * True when the decision is the customer's own reduction that lowered their line
   * (`requestReduction`; the line on file below the line before, whether the decision now lowers it,
   * holds it for a person or keeps a referral's proposal waiting): the new line is the one they asked
   * for, so the notice says so rather than quote the application's request (`requestedLimit`) or
   * call the change automated.
   */
  readonly customerReduction: boolean;
  /** Whether a person already decided (reviewed) or will (pending, contested). */
  readonly humanInvolvement: 'none' | 'pending' | 'reviewed' | 'contested';
  /** How to ask for a human review, give one's view or contest. */
  readonly howToRequestReview: BilingualText;
}

const HOW_TO_REVIEW: BilingualText = {
  en:
    'You may ask for this decision to be reviewed by a person, tell us your point of view and give new information (for example a higher verified income or a new certificate). ' +
    'Reply through the app or customer service quoting the decision id; a reviewer will decide within the period set by your lender and tell you the result and its reasons.',
  zhHans:
    '您可以要求由人工复核本决定，向我们说明您的意见并提供新的信息（例如经核实的更高收入或新的证书）。' +
    '请通过应用或客服提出并注明决定编号；审核人员将在贵机构规定的期限内作出决定，并告知结果及理由。',
};

/** Options of {@link adverseActionNotice}. */
export interface AdverseActionNoticeOptions {
  /**
   * The policy's limit rounding step in fen (`scorer.policy.limits.roundingStep`). A line under
   * review whose customer set a cap below it stays on file at the cap rounded down to this step, so
   * the notice quotes that line. Default: the default policy's step (10,000 fen).
   */
  readonly roundingStep?: number;
  /**
   * The lender's signing key (as `createScorer`'s `signingKey`): the decision's `audit.signature` is
   * checked under it too, and a decision without one is refused. Without it only the content hash
   * is checked (it needs no key). Default: none.
   */
  readonly signingKey?: string | Uint8Array;
  /**
   * Signing keys used before a rotation (as `createScorer`'s `verificationKeys`): a decision signed
   * under `signingKey` or any of them is taken. Requires `signingKey`.
   */
  readonly verificationKeys?: readonly (string | Uint8Array)[];
}

/**
 * The adverse-action notice of a decision, as JSON-ready data.
 *
 * The decision is read with the Decision schema first and its seal checked (a notice quotes it to
 * the customer, so nothing in it is taken unread): its `audit.contentHash` must match its content,
 * which needs no key, and with `signingKey` its `audit.signature` must verify. An edited limit was
 * quoted to the customer as the lender's decision.
 *
 * @throws ValidationError (subject `Decision`) naming every field that is not a Decision's, led by
 *   an `earlier_release_decision` issue for a decision sealed by the released 0.1.0 (re-decide the
 *   customer: README "Upgrading from 0.1.0"); naming `audit.contentHash` (issue `seal_invalid`) for a
 *   decision changed after it was made, and `audit.signature` for one not signed under `signingKey`;
 *   or naming `roundingStep` or `signingKey` (subject `adverseActionNotice options`) when it is unusable
 * @example adverseActionNotice(decision, { roundingStep: scorer.policy.limits.roundingStep }).principalReasons[0]?.en
 */
export function adverseActionNotice(input: Decision, given: AdverseActionNoticeOptions = {}): AdverseActionNotice {
  // Read by name: `null` or a misspelt `roundingstep` quoted the default step's line without a word.
  // Read once into a plain copy: a getter or Proxy is refused by name, never thrown raw.
  const options = readOptionsOrRefuse(given, NOTICE_OPTION_KEYS, 'adverseActionNotice options') ?? {};
  const step = options.roundingStep ?? defaultPolicy.limits.roundingStep;
  if (!Number.isSafeInteger(step) || step < 1)
    throw new ValidationError('adverseActionNotice options', [
      { path: ['roundingStep'], code: 'invalid_type', message: 'roundingStep must be a positive whole number of fen', expected: 'integer' },
    ]);
  // A key given by name as undefined (an unset environment variable) is refused, never read as none.
  const { keys, issues: keyFaults } = keyIssues(options, [], false);
  if (keyFaults.length > 0) throw new ValidationError('adverseActionNotice options', [...keyFaults]);
  if (keys.signing === null && (keys.verification?.length ?? 0) > 0)
    throw new ValidationError('adverseActionNotice options', [
      { path: ['verificationKeys'], code: 'invalid_key', message: 'verificationKeys are signing keys used before a rotation: give signingKey too' },
    ]);
  // The check verifyDecision and every follow-up run, so they refuse the same tampered decisions;
  // without a key the content hash is checked and a signature left for a check with the key.
  const checked = checkDecision(input, { ...keys, personalData: null }, { signedWithoutKey: 'contentOnly' });
  if (!checked.ok) throw notADecisionError(checked.read, checked.faults);
  if (checked.problems.length > 0)
    throw new ValidationError(
      'Decision',
      checked.problems.map((p) => ({ path: [...p.path], code: 'seal_invalid' as const, message: p.message })),
    );
  const { decision } = checked;
  const lineOnFile = lineOnFileAfter(decision, step);
  const adverse =
    decision.outcome !== 'approve' || (decision.requestedLimit !== null && decision.limit < decision.requestedLimit) || lineOnFile < decision.previousLimit;
  return {
    applicantId: decision.applicantId,
    decisionId: decision.audit.decisionId,
    asOf: decision.asOf,
    adverse,
    outcome: decision.outcome,
    limit: decision.limit,
    requestedLimit: decision.requestedLimit,
    previousLimit: decision.previousLimit,
    lineOnFile,
    lineAction: decision.lineAction,
    customerReduction: decision.audit.kind === 'reduction' && lineOnFile < decision.previousLimit,
    principalReasons: decision.reasons.map((r) => ({ code: r.code, factor: r.factor, en: r.en, zhHans: r.zhHans })),
    // A lender feature's own category has no stored wording: its name is shown as given.
    dataCategories: decision.dataCategories.map((category) => ({
      category,
      ...(dataCategoryNames[category as DataCategory] ?? { en: category, zhHans: category }),
    })),
    humanInvolvement: decision.review?.status ?? 'none',
    howToRequestReview: HOW_TO_REVIEW,
  };
}

/**
 * Money as the customer reads it: `1,500 RMB` or `1,500 元`, `1,500.05 RMB` with fen. Exact from
 * integer fen (yuanDigits): a float division by 100 quoted a request of 9,007,199,254,740,991 fen
 * as "90,071,992,547,409.9 RMB", and 150,050 fen as "1,500.5".
 */
function money(fen: number, lang: 'en' | 'zhHans'): string {
  return `${yuanDigits(fen)} ${lang === 'en' ? 'RMB' : '元'}`;
}

/**
 * What happened to the customer's line, in their words: a cut or closed line says so, and a
 * referral (or a held line) says the line stays while a person decides (its limit is only a proposal).
 */
function outcomeLine(n: AdverseActionNotice, lang: 'en' | 'zhHans'): string {
  const en = lang === 'en';
  const outcome = OUTCOME_TEXT[n.outcome][lang];
  // A line the customer lowered themselves is the one they asked for; the application's request is not.
  const asked =
    n.customerReduction || n.requestedLimit === null
      ? ''
      : en
        ? ` (you asked for ${money(n.requestedLimit, lang)})`
        : `（您申请 ${money(n.requestedLimit, lang)}）`;
  const had = n.previousLimit > 0;
  let terms: string;
  if (n.outcome === 'decline') {
    terms = !had ? '' : en ? `; your line of ${money(n.previousLimit, lang)} is closed` : `；您原有的 ${money(n.previousLimit, lang)}额度将关闭`;
  } else if (n.lineAction === 'review') {
    // A proposal of no line (a contested decline) is said as one, not as "proposed limit 0 RMB".
    const proposed =
      n.limit === 0 ? (en ? 'proposed: no line' : '拟议：不授予额度') : en ? `proposed limit ${money(n.limit, lang)}` : `拟议额度 ${money(n.limit, lang)}`;
    // The customer lowered their line while a proposal waits for a person: the line moved, the proposal stands.
    terms =
      had && n.customerReduction
        ? en
          ? `; your line goes from ${money(n.previousLimit, lang)} to ${money(n.lineOnFile, lang)} at your request while a person decides (${proposed})`
          : `；您的额度已按您的要求由 ${money(n.previousLimit, lang)}调整为 ${money(n.lineOnFile, lang)}，待人工审核（${proposed}）`
        : had
          ? en
            ? `; your line stays ${money(n.lineOnFile, lang)} while a person decides (${proposed})`
            : `；审核期间您的额度仍为 ${money(n.lineOnFile, lang)}（${proposed}）`
          : en
            ? ` (${proposed})`
            : `（${proposed}）`;
  } else if (n.lineAction === 'hold' && had && n.lineOnFile === n.previousLimit) {
    // A held line is no proposal: it stays as it is until a person decides (a contest of it too).
    terms = en ? `; your line stays ${money(n.lineOnFile, lang)} while a person decides` : `；审核期间您的额度仍为 ${money(n.lineOnFile, lang)}`;
  } else if (had && n.lineOnFile !== n.previousLimit) {
    const yours = n.customerReduction ? (en ? ' at your request' : '（按您的要求）') : '';
    terms = en
      ? `, your line goes from ${money(n.previousLimit, lang)} to ${money(n.lineOnFile, lang)}${yours}`
      : `，额度由 ${money(n.previousLimit, lang)}调整为 ${money(n.lineOnFile, lang)}${yours}`;
  } else {
    terms = en ? `, limit ${money(n.limit, lang)}` : `，额度 ${money(n.limit, lang)}`;
  }
  return en ? `Outcome: ${outcome}${terms}${asked}.` : `结果：${outcome}${terms}${asked}。`;
}

const OUTCOME_TEXT: Readonly<Record<Decision['outcome'], BilingualText>> = {
  approve: { en: 'approved', zhHans: '已批准' },
  refer: { en: 'referred to a person for review', zhHans: '已转人工审核' },
  decline: { en: 'declined', zhHans: '未获批准' },
};

/** The option keys {@link adverseActionNotice} reads. */
const NOTICE_OPTION_KEYS: readonly string[] = ['roundingStep', 'signingKey', 'verificationKeys'];

/**
 * What rendering reads of a notice, checked so that anything else (`null`, a Decision passed by
 * mistake, a notice from JSON missing its reasons) is a typed error naming the field, never a raw
 * TypeError half-way through the text.
 */
function checkRenderInput(notice: unknown, lang: unknown): void {
  const issues: ValidationIssue[] = [];
  if (lang !== 'en' && lang !== 'zhHans') issues.push({ path: ['lang'], code: 'invalid_value', message: 'lang must be "en" or "zhHans"' });
  if (typeof notice !== 'object' || notice === null || Array.isArray(notice))
    issues.push({ path: ['notice'], code: 'invalid_type', message: 'expected the notice adverseActionNotice returns', expected: 'object' });
  else {
    const n = notice as Record<string, unknown>;
    for (const key of ['decisionId', 'asOf'] as const)
      if (typeof n[key] !== 'string') issues.push({ path: ['notice', key], code: 'invalid_type', message: `${key} must be a string`, expected: 'string' });
    for (const key of ['principalReasons', 'dataCategories'] as const)
      if (!Array.isArray(n[key])) issues.push({ path: ['notice', key], code: 'invalid_type', message: `${key} must be an array`, expected: 'array' });
    if (typeof n.outcome !== 'string' || !Object.hasOwn(OUTCOME_TEXT, n.outcome))
      issues.push({ path: ['notice', 'outcome'], code: 'invalid_value', message: 'outcome must be approve, refer or decline' });
    if (typeof n.howToRequestReview !== 'object' || n.howToRequestReview === null)
      issues.push({
        path: ['notice', 'howToRequestReview'],
        code: 'invalid_type',
        message: 'howToRequestReview must be the bilingual text the notice carries',
        expected: 'object',
      });
  }
  if (issues.length > 0) throw new ValidationError('renderAdverseActionNotice', issues);
}

/**
 * The notice as readable text in one language (`en` or `zhHans`).
 *
 * @example renderAdverseActionNotice(adverseActionNotice(decision), 'zhHans')
 */
export function renderAdverseActionNotice(notice: AdverseActionNotice, lang: 'en' | 'zhHans'): string {
  checkRenderInput(notice, lang);
  const en = lang === 'en';
  const lines: string[] = [];
  lines.push(
    en
      ? `Notice about your credit application (decision ${notice.decisionId}, ${notice.asOf})`
      : `关于您的授信申请的通知（决定编号 ${notice.decisionId}，${notice.asOf}）`,
  );
  lines.push(outcomeLine(notice, lang));
  if (notice.principalReasons.length > 0) {
    lines.push(en ? 'Principal reasons:' : '主要原因：');
    notice.principalReasons.forEach((r, i) => lines.push(`  ${i + 1}. ${r[lang]}`));
  } else {
    lines.push(en ? 'No adverse action was taken.' : '未作出不利决定。');
  }
  lines.push(en ? 'Data used for this decision:' : '本决定使用的数据：');
  lines.push(`  ${notice.dataCategories.map((c) => c[lang]).join(en ? '; ' : '；')}`);
  const involvement: Record<AdverseActionNotice['humanInvolvement'], BilingualText> = {
    none: { en: 'This decision was made by automated means.', zhHans: '本决定由自动化方式作出。' },
    pending: { en: 'As you asked, a person will make this decision.', zhHans: '根据您的要求，本决定将由人工作出。' },
    reviewed: { en: 'A person reviewed and made this decision.', zhHans: '本决定已经人工复核作出。' },
    contested: { en: 'We received your contest; a person will review the decision.', zhHans: '我们已收到您的异议，将由人工复核该决定。' },
  };
  // The customer's own reduction: the change was theirs, not the model's nor a person's; what is
  // said of the decision before it follows who made it. Told "A person reviewed and made this
  // decision", a customer who lowered a reviewed line read it as a person's. Where a person is still
  // awaited, that is what the customer needs to know, and is said as on any decision.
  const own: Partial<Record<AdverseActionNotice['humanInvolvement'], BilingualText>> = {
    none: {
      en: 'You lowered this line yourself; the decision before it was made by automated means.',
      zhHans: '本次额度按您本人的要求调低；此前的决定由自动化方式作出。',
    },
    reviewed: {
      en: 'You lowered this line yourself; the decision before it was reviewed and made by a person.',
      zhHans: '本次额度按您本人的要求调低；此前的决定已经人工复核作出。',
    },
  };
  lines.push(((notice.customerReduction ? own[notice.humanInvolvement] : undefined) ?? involvement[notice.humanInvolvement])[lang]);
  lines.push(notice.howToRequestReview[lang]);
  return `${lines.join('\n')}\n`;
}
