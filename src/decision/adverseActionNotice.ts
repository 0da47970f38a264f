import type { BilingualText } from '../explain/factorCatalog.js';
import { dataCategoryNames, type DataCategory } from '../schema/dataCategory.js';
import type { Decision } from './decision.js';

/**
 * An adverse-action notice as plain data (US Regulation B principal reasons; PIPL Art. 24 and EU
 * CCD2 Art. 18 explanation and review): what was decided, the principal reasons, the categories
 * of data used, and how to ask a person to review it.
 */
export interface AdverseActionNotice {
  readonly applicantId: string;
  readonly decisionId: string;
  readonly asOf: string;
  /** True when the outcome is not approve or the limit is below what was asked. */
  readonly adverse: boolean;
  readonly outcome: Decision['outcome'];
  readonly limit: number;
  readonly requestedLimit: number | null;
  /** Up to four principal reasons, each naming a factor that was actually used. */
  readonly principalReasons: readonly { readonly code: string; readonly factor: string; readonly en: string; readonly zhHans: string }[];
  /** Categories of personal data used, with their names. */
  readonly dataCategories: readonly ({ readonly category: string } & BilingualText)[];
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

/**
 * The adverse-action notice of a decision, as JSON-ready data.
 *
 * @example adverseActionNotice(decision).principalReasons[0]?.en
 */
export function adverseActionNotice(decision: Decision): AdverseActionNotice {
  const adverse = decision.outcome !== 'approve' || (decision.requestedLimit !== null && decision.limit < decision.requestedLimit);
  return {
    applicantId: decision.applicantId,
    decisionId: decision.audit.decisionId,
    asOf: decision.asOf,
    adverse,
    outcome: decision.outcome,
    limit: decision.limit,
    requestedLimit: decision.requestedLimit,
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

function rmb(fen: number): string {
  return `${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} RMB`;
}

const OUTCOME_TEXT: Readonly<Record<Decision['outcome'], BilingualText>> = {
  approve: { en: 'approved', zhHans: '已批准' },
  refer: { en: 'referred to a person for review', zhHans: '已转人工审核' },
  decline: { en: 'declined', zhHans: '未获批准' },
};

/**
 * The notice as readable text in one language (`en` or `zhHans`).
 *
 * @example renderAdverseActionNotice(adverseActionNotice(decision), 'zhHans')
 */
export function renderAdverseActionNotice(notice: AdverseActionNotice, lang: 'en' | 'zhHans'): string {
  const en = lang === 'en';
  const lines: string[] = [];
  lines.push(
    en
      ? `Notice about your credit application (decision ${notice.decisionId}, ${notice.asOf})`
      : `关于您的授信申请的通知（决定编号 ${notice.decisionId}，${notice.asOf}）`,
  );
  const outcome = OUTCOME_TEXT[notice.outcome][lang];
  if (en) {
    lines.push(
      `Outcome: ${outcome}${notice.outcome === 'decline' ? '' : `, limit ${rmb(notice.limit)}`}${notice.requestedLimit !== null ? ` (you asked for ${rmb(notice.requestedLimit)})` : ''}.`,
    );
  } else {
    lines.push(
      `结果：${outcome}${notice.outcome === 'decline' ? '' : `，额度 ${(notice.limit / 100).toLocaleString('en-US')} 元`}${notice.requestedLimit !== null ? `（您申请 ${(notice.requestedLimit / 100).toLocaleString('en-US')} 元）` : ''}。`,
    );
  }
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
  lines.push(involvement[notice.humanInvolvement][lang]);
  lines.push(notice.howToRequestReview[lang]);
  return `${lines.join('\n')}\n`;
}
