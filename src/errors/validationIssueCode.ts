import { deepFreeze } from '../common/deepFreeze.js';
/**
 * Issue codes zod reports (zod 4), passed through unchanged, except `unrecognized_keys`, which
 * creditlift splits into one `unrecognized_key` (or `protected_characteristic`) issue per key.
 */
export const ZOD_ISSUE_CODES = deepFreeze([
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const);

/**
 * creditlift's own issue codes, grouped by where they arise. Add a new code to its group here:
 * the union below is derived from this list, so a code used but not listed fails to compile.
 */
export const CREDITLIFT_ISSUE_CODES = deepFreeze([
  // Any input
  'unrecognized_key',
  'protected_characteristic',
  'unreadable_input',
  'too_many_issues',
  'out_of_range',
  'invalid_length',
  'invalid_json',
  // A JSON object repeating a key: JSON.parse would keep the last value silently.
  'duplicate_key',
  // A number written with a fraction a double rounds to an integer (999999.99999999999 read as 1000000).
  'imprecise_number',
  'not_finite',
  // A lone UTF-16 surrogate in a JSON string or key (`"\ud800"`): no character, so no UTF-8 writer can write it and any copy replaces it.
  'lone_surrogate',
  'not_a_number',
  // Reading plain data (readPlainData, readBatchElement)
  'missing_element',
  'circular_reference',
  'too_deep',
  // Applicant cross-field rules
  'too_many_evidence_items',
  'birth_date_after_as_of',
  'birth_date_implausible',
  'employment_start_after_as_of',
  'employment_start_before_birth',
  'expiry_before_issue',
  // Dates, money, PDs
  'invalid_date',
  'invalid_fen',
  'invalid_pd',
  // Tabular data (CSV, training)
  'data_invalid',
  'duplicate_column',
  'wrong_field_count',
  'unknown_column',
  'missing_column',
  'invalid_column_name',
  // A CSV column whose declared type no single cell can state (a lender attribute typed as a union)
  'untyped_column',
  // A CSV JSON cell padded with whitespace other than spaces and tabs (NBSP, U+3000, a BOM), which trim took silently
  'invalid_cell_padding',
  'empty_column_name',
  'overlapping_columns',
  'missing_target',
  'non_binary_target',
  'positive_value_not_found',
  'single_class',
  'no_features',
  // A training column named for data the jurisdiction bans (social-media data under eu-ccd2)
  'banned_data_category',
  'length_mismatch',
  'invalid_direction',
  'invalid_header',
  'invalid_outcome',
  'line_too_long',
  'invalid_quote',
  'unclosed_quote',
  'record_too_long',
  'invalid_utf8',
  // Features, feature sets and featurizing a loan book
  'duplicate_feature',
  'missing_categories',
  'unexpected_categories',
  // A model's category listed twice (as train and predict read it) or empty: code i must name one category
  'duplicate_category',
  'empty_category',
  'missing_data_category',
  // A feature or certificate kind whose name reads as social-media data declared under another category
  'data_category_mismatch',
  'missing_reasons',
  'kind_mismatch',
  'monotone_mismatch',
  // A monotone direction given to a categorical feature or column (its codes have no order)
  'monotone_on_categorical',
  'undeclared_feature',
  'unknown_category',
  // A lender feature's compute threw, or gave two different values for the same input
  'feature_failed',
  'nondeterministic_feature',
  // A lender feature's compute read an attribute its `sources` do not list
  'undeclared_source',
  // A lender feature's sources name an attribute its set does not declare (missing on every row)
  'undeclared_attribute',
  // A lender feature named or read the applicant's or a certificate holder's identity
  'personal_identifier',
  // A monitor run on another feature set than its baseline was built on
  'feature_set_mismatch',
  // A monitor run with another certificate catalog than its baseline was built with
  'catalog_mismatch',
  'no_outcome',
  'holdout_required',
  // A holdout share that leaves fewer than 2 rows to train on or holds out none (it was clamped silently)
  'holdout_too_small',
  // A generic refusal where no finer code applies
  'invalid',
  // Prior decisions (reassess, requestReduction)
  'prior_invalid',
  // A prior that is not the line's latest decision by what the lender has on file (`onFile`)
  'prior_superseded',
  // A decision sealed by the released 0.1.0: re-decide the customer (README "Upgrading from 0.1.0")
  'earlier_release_decision',
  // A decision read back (adverseActionNotice) whose seal fails: changed after it was made
  // (audit.contentHash), or not signed under the key given (audit.signature)
  'seal_invalid',
  // A person's review (recordReview) of terms no person may grant: a refusal the law makes
  // (a legal knock-out) or the lender chose no person overrides
  'not_overridable',
  // A follow-up whose factors must be computed again on a scorer with another model than the decision's
  'model_mismatch',
  // Models and explainers
  'malformed_tree',
  'invalid_mode',
  // Budget assistant (creditlift/health)
  'category_budget_exceeds_overall',
  'duplicate_id',
  'duplicate_month',
  'month_after_as_of',
  'not_previous_month',
  'outside_bill_month',
  'state_after_as_of',
  // Testing kit
  'unknown_segment',
  'unknown_law',
  'missing_subject',
  'replay_mismatch',
  // A replay path given without the seed it was printed with
  'missing_seed',
  // A law run on a part it does not have (part 'policy' of a law checked end to end only)
  'part_unavailable',
  // A law with nothing to draw for this subject (banned_data_never_counts on a scorer whose catalog
  // holds no kind of a banned data category), or a law about granted lines whose runs met none:
  // refused, never passed having checked nothing
  'nothing_to_check',
  // A law named twice in assertCreditLaws' laws: it would run twice and be reported twice
  'duplicate_law',
  // A run option no part of the run reads (scorerNumRuns with no scorer part to run)
  'unused_option',
  'attributes_refused',
  'unknown_kind',
  'no_feasible_kind',
  // A law given a policy beside a scorer that runs another one; a person's approval or referral
  // recorded on a scorer running another policy than the decision's (recordReview)
  'policy_mismatch',
  // A law given a scorer pool beside a scorer built with other options (policy, catalog or model)
  'pool_mismatch',
] as const);

/** Every stable code a {@link ValidationIssue} can carry. Switch on it; never on the message. */
export type ValidationIssueCode = (typeof ZOD_ISSUE_CODES)[number] | (typeof CREDITLIFT_ISSUE_CODES)[number];
