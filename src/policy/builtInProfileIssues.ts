import { type JurisdictionProfile, jurisdictionProfiles } from './jurisdictionProfile.js';
import { yuanDigits } from '../common/yuanDigits.js';

/** One way a profile differs from the built-in profile whose id it carries; `path` is within the profile. */
export interface BuiltInProfileIssue {
  readonly path: readonly [keyof JurisdictionProfile];
  readonly message: string;
}

const pct = (rate: number): string => `${Number((rate * 100).toFixed(4))}%`;
// A lender's profile may carry a fraction of a fen: shown as given, not refused inside a message.
const fen = (amount: number): string => `${amount.toLocaleString('en-US')} fen (${Number.isInteger(amount) ? yuanDigits(amount) : amount / 100} RMB)`;

/**
 * How each checked field of a built-in profile reads in a message, and where a lender's own,
 * stricter figure goes instead (only the two caps have a lender's field). Messages stay under the
 * 256 characters an issue message keeps.
 */
const FIELDS: readonly {
  readonly field: Exclude<keyof JurisdictionProfile, 'id'>;
  readonly show: (profile: JurisdictionProfile) => string;
  readonly lenderFields?: string;
}[] = [
  { field: 'aprCap', show: (p) => `APR cap ${p.aprCap === null ? 'null (none)' : pct(p.aprCap)}`, lenderFields: 'pricing.aprCap' },
  {
    field: 'perBorrowerCreditLineCap',
    show: (p) => `per-borrower line cap ${p.perBorrowerCreditLineCap === null ? 'null (none)' : fen(p.perBorrowerCreditLineCap)}`,
    lenderFields: 'limits.lenderCapPerBorrower',
  },
  { field: 'bannedDataCategories', show: (p) => `banned data ${p.bannedDataCategories.join(', ')}` },
  { field: 'solelyAutomatedDecisionOptOut', show: (p) => `solelyAutomatedDecisionOptOut ${String(p.solelyAutomatedDecisionOptOut)}` },
  { field: 'name', show: (p) => `name "${p.name}"` },
  { field: 'sources', show: (p) => `sources (${p.sources.length} text(s), see jurisdictionProfiles)` },
];

function sameValue(a: unknown, b: unknown): boolean {
  // Arrays of strings or plain scalars only; order counts, as the built-in profile is the reference text.
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The built-in profile with this id, if there is one. */
export function builtInProfileWithId(id: string): JurisdictionProfile | undefined {
  // Own property only: an id such as "constructor" must not find Object.prototype's members.
  return Object.hasOwn(jurisdictionProfiles, id) ? jurisdictionProfiles[id] : undefined;
}

/**
 * Every field in which `profile` differs from the built-in profile with the same id; none when
 * its id is not a built-in one. Why: the id is what audits, reports and the testing laws read as
 * "these rules", so a profile called `cn-consumer-finance-2024` with a 36% cap would bill above
 * the legal ceiling while every record says it kept to it. A lender's stricter figures have their
 * own fields (`pricing.aprCap`, `limits.lenderCapPerBorrower`); other rules need another id.
 *
 * @example builtInProfileIssues({ ...cnConsumerFinance2024, aprCap: 0.36 }) // [{ path: ['aprCap'], message: '... 24% ...' }]
 */
export function builtInProfileIssues(profile: JurisdictionProfile): BuiltInProfileIssue[] {
  const builtIn = builtInProfileWithId(profile.id);
  if (builtIn === undefined) return [];
  const issues: BuiltInProfileIssue[] = [];
  for (const { field, show, lenderFields } of FIELDS) {
    if (sameValue(profile[field], builtIn[field])) continue;
    const stricter = lenderFields === undefined ? '' : `a lender's stricter numbers go in ${lenderFields}; `;
    issues.push({
      path: [field],
      message: `must be the built-in ${builtIn.id} profile's ${show(builtIn)}: ${stricter}a different jurisdiction needs a profile with its own id`,
    });
  }
  return issues;
}
