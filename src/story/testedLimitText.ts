import { formatYuan } from '../health/index.js';
import type { BilingualText, Decision } from '../index.js';

/**
 * Which limit a decision's affordability figures (its monthly payment, its checks) are for, in
 * words: "at this limit" where it is the decision's own, and named with its figure where it is
 * not. A decline grants nothing yet keeps the figures of the limit the policy tested (the product
 * minimum it fails, or the line a knock-out declined): shown as "at this limit" beside ¥0, a
 * ¥47.28 payment on a ¥0 line was impossible to read.
 *
 * @example testedLimitText(decline).en // 'at the ¥500 product minimum that was tested'
 */
export function testedLimitText(d: Pick<Decision, 'limit' | 'policyReasons' | 'affordability'>): BilingualText {
  const tested = d.affordability.limit;
  // A decision made before the field was added did not say which limit it tested: not guessed.
  if (tested === undefined)
    return { en: 'at the limit tested (a decision made before it was recorded does not name it)', zhHans: '按测试额度计算（较早的决定未记录该额度）' };
  // Written as every amount beside it is (`decide --summary`, the playground): the fen only where
  // there are some, "¥500", never "¥500.00" in the line that says "capacity ¥0" and "¥5,000".
  // formatYuan writes exactly two decimals, so without ".00" it is formatRmb's text, figure for figure.
  const rmb = (fen: number) => formatYuan(fen).replace(/\.00$/, '');
  const figure = rmb(tested);
  // Owed above the limit tested, the payment is the balance's (applyPolicy): "at this limit" put
  // the repayment of 2,300 RMB owed beside a 1,100 RMB line.
  const owed = d.affordability.balanceOwed;
  if (owed?.aboveLimit === true)
    return { en: `on the ${rmb(owed.amount)} owed, above the ${figure} limit tested`, zhHans: `按所欠${rmb(owed.amount)}计算（高于测试额度${figure}）` };
  if (tested === d.limit) return { en: 'at this limit', zhHans: '按本次额度计算' };
  // Below the minimum the policy tests the smallest line it offers (see applyPolicy).
  if (d.policyReasons.includes('limit_below_product_minimum')) {
    return { en: `at the ${figure} product minimum that was tested`, zhHans: `按测试的产品最低额度${figure}计算` };
  }
  return { en: `at ${figure}, the limit tested`, zhHans: `按测试额度${figure}计算` };
}
