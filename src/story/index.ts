/**
 * The product's story told from its public API: what an uploaded certificate did and why, the
 * budget assistant's view of a decision, and the words shown beside factors and constraints. Used by
 * `creditlift demo` and `creditlift playground`; imports only what `creditlift` and
 * `creditlift/health` export, so it shows what an integrator can build.
 * @packageDocumentation
 */
export { describeUpload, type UploadEffect } from './describeUpload.js';
export { budgetView, type BudgetView } from './budgetView.js';
export { constraintText, paymentPlanText, FACTOR_LEGEND } from './bilingual.js';
export { testedLimitText } from './testedLimitText.js';
