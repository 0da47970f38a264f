import { yuanDigits } from '../common/yuanDigits.js';
import { RATIO_CAP } from '../features/featureDefinitions.js';
import type { Decision } from './decision.js';

/** A decision's `affordability.balanceOwed`: see the Decision schema. */
export type BalanceOwed = NonNullable<Decision['affordability']['balanceOwed']>;

/**
 * Whether the model's `platform_utilization` read this balance at its cap: more than
 * {@link RATIO_CAP} times the line on file, or any balance on a line at 0. The feature is kept as
 * trained, so a larger balance does not raise the PD further; the decision says so instead.
 */
export function utilizationCapped(balance: number, lineOnFile: number): boolean {
  return balance > 0 && balance > RATIO_CAP * lineOnFile;
}

/**
 * The note a decision carries about the balance owed on the line (`platform.currentBalance`), or
 * undefined when there is nothing to say: a balance at most the limit tested, which the model read
 * as it is. Said when the balance is above the limit tested (the checks then test its repayment, and
 * a lower line does not pretend the debt is gone) or when the model read it at its cap (400,000 RMB
 * on a 500 RMB line scored as 5,000 RMB would: silent, that is a coercion). Present only then, so a
 * decision on an ordinary balance is byte for byte as before.
 *
 * @param amount the balance owed, fen
 * @param limitTested the limit the affordability checks were run at, fen
 * @param capped whether the model's utilisation read the balance at its cap ({@link utilizationCapped})
 */
export function balanceOwedNote(amount: number, limitTested: number, capped: boolean): BalanceOwed | undefined {
  const aboveLimit = amount > limitTested;
  if (!aboveLimit && !capped) return undefined;
  const en: string[] = [];
  const zh: string[] = [];
  const owed = yuanDigits(amount);
  if (aboveLimit) {
    en.push(
      `The balance owed on this line (platform.currentBalance, ${owed} RMB) is above the limit tested, ${yuanDigits(limitTested)} RMB: the affordability checks test the repayment of the balance.`,
    );
    zh.push(`本额度的现有欠款（platform.currentBalance，${owed}元）高于所测试的额度${yuanDigits(limitTested)}元：可负担性检查按该欠款的还款额测试。`);
  }
  if (capped) {
    en.push(
      `The balance owed on this line (platform.currentBalance, ${owed} RMB) is more than ${RATIO_CAP} times the line on file: the model reads utilisation at most ${RATIO_CAP} times the line, so a larger balance does not raise the estimated risk further; the affordability checks test at least the balance's repayment.`,
    );
    zh.push(
      `本额度的现有欠款（platform.currentBalance，${owed}元）超过在册额度的${RATIO_CAP}倍：模型对额度使用率最多按${RATIO_CAP}倍计算，更高的欠款不会进一步提高预估风险；可负担性检查至少按该欠款的还款额测试。`,
    );
  }
  return { amount, aboveLimit, utilizationCapped: capped, note: { en: en.join(' '), zhHans: zh.join('') } };
}
