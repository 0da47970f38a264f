import { createHash } from 'node:crypto';
import {
  CertificateEvidence,
  CreditliftError,
  IsoDate,
  ValidationError,
  evidenceReasons,
  typicalEvidence,
  type BilingualText,
  type Catalog,
  type CertificateKindSpec,
  type ApplicantInput,
  type Decision,
  type EvidenceSuggestions,
  type Scorer,
  type ValidationIssue,
} from '../index.js';
import { EXAMPLE_AS_OF } from '../examples/index.js';
import { budgetView, constraintText, FACTOR_LEGEND, paymentPlanText, testedLimitText, type BudgetView } from '../story/index.js';
import { configurationInUse, type ConfigurationInUse } from './configurationInUse.js';
import { examplesUnderCatalog, type PlaygroundExample } from './examplesUnderCatalog.js';
import { isoDateDaysBefore } from './isoDateDaysBefore.js';

/** What the page needs once: the examples to pick from, the certificate kinds it may offer and what it decides with. */
export interface PlaygroundSetup {
  readonly asOf: string;
  /** The model, policy and catalog in use, with their fingerprints: the page shows them. */
  readonly inUse: ConfigurationInUse;
  /** The legend of factor signs. */
  readonly legend: BilingualText;
  /** Why a certificate was not counted, per reason code, in both languages. */
  readonly evidenceReasons: Readonly<Record<string, BilingualText>>;
  /** The examples fitted to the catalog in use, each naming the certificates it left out ({@link examplesUnderCatalog}). */
  readonly examples: readonly PlaygroundExample[];
  readonly catalog: readonly {
    readonly id: string;
    readonly category: string;
    readonly names: { readonly en: string; readonly zhHans: string };
    readonly scale: unknown;
    readonly methods: readonly string[];
    readonly typical: { readonly score?: number; readonly level?: string } | null;
  }[];
}

/** The page's answer for one applicant: the decision as the library returns it, and the budget assistant's view. */
export interface PlaygroundDecision {
  readonly decision: Decision;
  /** The binding constraint in words, both languages. */
  readonly bindingText: BilingualText;
  /** Which repayment the tested monthly payment is (`decision.affordability.paymentPlan`), in words, both languages. */
  readonly paymentPlanText: BilingualText;
  /**
   * Which limit the tested monthly payment is for (`decision.affordability.limit`), in words, both
   * languages: "at this limit", or the limit tested where the decision's is another (a decline's ¥0).
   */
  readonly testedLimitText: BilingualText;
  readonly budget: BudgetView;
  /**
   * What would raise the limit, previewed on the path the page takes: deciding the applicant again
   * with the certificate (`scorer.suggest`), which is what its one-click Add does. A decision's own
   * `suggestions` preview uploading it to that decision (`reassess`, on the line it sets), a path the
   * page never takes: shown, the new graduate was promised 17,700 RMB where Add gave 17,400 RMB. So
   * `decision` is made with none (`suggestions: 0`: its `suggestions.items` are empty) and the
   * what-ifs are scored once, here.
   */
  readonly suggestions: EvidenceSuggestions;
}

/** How many what-if previews the page shows: as many as a decision carries by default. */
const PLAYGROUND_SUGGESTIONS = 3;

/** The decision's own previews (of an upload to it) are not shown, so none are scored. */
const DECIDE_WITHOUT_PREVIEWS = { suggestions: 0 } as const;

/** A request the page got wrong: shown on the page with every field named. */
export interface PlaygroundError {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** Every field at fault: its dotted path, its stable issue code and what is wrong. */
    readonly issues: readonly { readonly path: string; readonly code: string; readonly message: string }[];
  };
}

/**
 * The examples, the kinds the page offers and what it decides with, as the page reads them, all of
 * the scorer's own: the kinds are `scorer.certificateKinds` (its catalog, a lender's included, less
 * the kinds its jurisdiction bans), never the default catalog, so the page offers what the decision
 * counts, and each example is fitted to that catalog, naming what it left out.
 */
export function playgroundSetup(scorer: Pick<Scorer, 'model' | 'policy' | 'catalogHash' | 'certificateKinds' | 'bannedCertificateKinds'>): PlaygroundSetup {
  const kinds = scorer.certificateKinds;
  const catalog: Catalog = new Map(kinds.map((k) => [k.id, k]));
  return {
    asOf: EXAMPLE_AS_OF,
    inUse: configurationInUse(scorer),
    legend: FACTOR_LEGEND,
    evidenceReasons,
    examples: examplesUnderCatalog({ offered: kinds, banned: scorer.bannedCertificateKinds, jurisdiction: scorer.policy.jurisdiction }),
    catalog: kinds.map((spec) => {
      const t = typicalEvidence(spec.id, catalog);
      return {
        id: spec.id,
        category: spec.category,
        names: spec.names,
        scale: spec.scale,
        methods: spec.verificationMethods,
        typical: t === undefined ? null : { ...(t.score !== undefined ? { score: t.score } : {}), ...(t.level !== undefined ? { level: t.level } : {}) },
      };
    }),
  };
}

/**
 * Decides the applicant the page sends, with the customer's own monthly budget (fen) for the budget
 * assistant's view.
 *
 * @throws ValidationError naming every field at fault
 */
export async function playgroundDecide(scorer: Scorer, body: unknown): Promise<PlaygroundDecision> {
  const b = asRecord(body, 'request');
  const budget = b.monthlyBudget;
  const issues: ValidationIssue[] = unknownKeyIssues(b, DECIDE_KEYS, 'a decide request');
  if (b.applicant === undefined) issues.push({ path: ['applicant'], code: 'invalid_type', message: 'applicant is required: the applicant to decide' });
  if (budget !== undefined && budget !== null && !(typeof budget === 'number' && Number.isSafeInteger(budget) && budget >= 0)) {
    issues.push({ path: ['monthlyBudget'], code: 'invalid_type', message: 'monthlyBudget must be a whole number of fen, 0 or more' });
  }
  // decide validates the edited applicant at run time and names every field at fault; they are
  // named beside the request's own faults, so one fault never hides another.
  const decided = b.applicant === undefined ? undefined : await decideNaming(scorer, b.applicant);
  if (issues.length > 0 || decided === undefined || 'issues' in decided) {
    throw new ValidationError('playground request', [...issues, ...(decided !== undefined && 'issues' in decided ? decided.issues : [])]);
  }
  const decision = decided.decision;
  const suggestions = await scorer.suggest(b.applicant as ApplicantInput, { top: PLAYGROUND_SUGGESTIONS });
  return {
    decision,
    bindingText: constraintText(decision.bindingConstraint),
    paymentPlanText: paymentPlanText(decision.affordability.paymentPlan),
    testedLimitText: testedLimitText(decision),
    budget: budgetView(
      decision,
      b.applicant as ApplicantInput,
      typeof budget === 'number' ? budget : null,
      scorer.policy.limits.productMin,
      scorer.policy.limits.roundingStep,
    ),
    suggestions,
  };
}

/**
 * Builds the evidence record for a certificate the person adds on the page: theirs (holder = the
 * applicant's id hash), issued on `issueDate` (at most the decision date; by default a month before
 * it), with a document hash made from the page's sequence number so every added document is
 * distinct. A suggestion's Add gives the date its preview assumes (the decision's own): dated a month
 * early, a certificate of a kind that fades counts for less than the preview. `catalog` is the
 * scorer's (a lender's own kinds included): a kind it lacks is refused at `kind`.
 *
 * @throws ValidationError naming every field at fault
 */
export function playgroundCertificate(body: unknown, catalog: Catalog): CertificateEvidence {
  const b = asRecord(body, 'certificate request');
  const asked = certificateRequestIssues(b);
  const built = issuesOf(() => certificateOf(b, catalog));
  // The decision date is checked before the certificate is drafted: when it is at fault, the rest
  // is still checked on the examples' date, so a bad asOf never hides another fault.
  const rest =
    'issues' in built && b.asOf !== undefined && built.issues.every((i) => i.path[0] === 'asOf')
      ? issuesOf(() => certificateOf({ ...b, asOf: undefined }, catalog))
      : built;
  const later = [...('issues' in built ? built.issues : []), ...(rest !== built && 'issues' in rest ? rest.issues : [])];
  // A field the request check named is named once, as the request check names it.
  // A wrong-typed idHash is named at idHash, the request's key, not again at holder.idHash.
  const named = new Set(asked.map((i) => String(i.path[0])));
  if (named.has('idHash')) named.add('holder');
  const issues = [...asked, ...later.filter((i) => !named.has(String(i.path[0])))];
  if (issues.length > 0 || !('value' in built)) throw new ValidationError('certificate request', issues);
  return built.value;
}

/** The certificate a request asks for, its keys and types already named: the date checked first. */
function certificateOf(b: Record<string, unknown>, catalog: Catalog): CertificateEvidence {
  const kind = typeof b.kind === 'string' ? b.kind : '';
  const spec = catalog.get(kind);
  // The decision date the certificate is dated against: a calendar date, named when it is not one
  // (2026-02-30 used to reach date-fns and come back as a 500 "Invalid time value").
  // Counted in whole days, never on a local midnight: date-fns there moved with the server's TZ (in
  // Pacific/Kiritimati, which skipped 1994-12-31, that date was refused and 1995-01-30 gave 29 days).
  const asOfGiven = b.asOf === undefined ? EXAMPLE_AS_OF : b.asOf;
  const asOf = IsoDate.safeParse(asOfGiven);
  if (!asOf.success)
    throw new ValidationError('certificate request', [{ path: ['asOf'], code: 'invalid_format', message: 'asOf must be a calendar date YYYY-MM-DD' }]);
  const seq = typeof b.seq === 'number' && Number.isSafeInteger(b.seq) ? b.seq : 0;
  const asked = b.issueDate === undefined ? undefined : issueDateOf(b.issueDate, asOf.data);
  const issueDate = asked === undefined ? isoDateDaysBefore(asOf.data, 30) : 'issues' in asked ? asOf.data : asked.date;
  if (issueDate === undefined)
    throw new ValidationError('certificate request', [
      { path: ['asOf'], code: 'out_of_range', message: 'asOf must be at least 30 days after 0000-01-01: the certificate is dated 30 days before it' },
    ]);
  // Only a string is hashed: String() of an array nested 5,000 deep overflowed the stack (a 500).
  const idHash = typeof b.idHash === 'string' ? b.idHash : '';
  const draft = {
    kind,
    issuer: spec ? `${spec.names.en} issuer (playground)` : 'playground',
    // The catalog's kinds are snake_case; a kind not in it is named at kind, never again here.
    credentialId: `PG-${spec ? kind : 'unknown'}-${seq}`,
    holder: { idHash: b.idHash },
    issueDate,
    ...(typeof b.score === 'number' ? { score: b.score } : {}),
    ...(typeof b.level === 'string' ? { level: b.level } : {}),
    verification: { method: b.method, confidence: b.confidence },
    documentHash: createHash('sha256').update(`creditlift-playground:${kind}:${seq}:${idHash}`).digest('hex'),
  };
  const parsed = CertificateEvidence.safeParse(draft);
  // Every problem at once: the schema's and an unknown kind's.
  const issues = [
    ...(parsed.success ? [] : ValidationError.fromZod('certificate', parsed.error).issues),
    ...(spec === undefined ? [{ path: ['kind'], code: 'invalid_value' as const, message: `"${kind}" is not in the catalog` }] : []),
    ...(spec === undefined ? [] : scaleFieldIssues(spec, b)),
    ...(asked !== undefined && 'issues' in asked ? asked.issues : []),
  ];
  if (!parsed.success || issues.length > 0) throw new ValidationError('certificate', issues);
  return parsed.data;
}

/**
 * The issue date a request asks for: a calendar date on or before the decision date (a certificate
 * issued later is not yet held), or its fault, named beside every other one (the draft goes on,
 * dated on asOf). Its type is named by the request check.
 */
function issueDateOf(given: unknown, asOf: string): { readonly date: string } | { readonly issues: readonly ValidationIssue[] } {
  const parsed = IsoDate.safeParse(given);
  if (!parsed.success) return { issues: [{ path: ['issueDate'], code: 'invalid_format', message: 'issueDate must be a calendar date YYYY-MM-DD' }] };
  // YYYY-MM-DD strings order as their dates.
  if (parsed.data > asOf)
    return {
      issues: [
        { path: ['issueDate'], code: 'out_of_range', message: `issueDate must be on or before asOf (${asOf}): a certificate issued later is not held yet` },
      ],
    };
  return { date: parsed.data };
}

/**
 * The field the kind's scale needs, when the request lacks it: a certificate added on the page is
 * someone's result, so an IELTS certificate without a score (the page's blank score field) is named
 * missing, never built as a certificate that carries nothing.
 */
function scaleFieldIssues(spec: CertificateKindSpec, b: Record<string, unknown>): ValidationIssue[] {
  const scale = spec.scale;
  if (scale.type === 'numeric' && b.score === undefined) {
    return [
      {
        path: ['score'],
        code: 'invalid_type',
        message: `${spec.names.en}: the certificate needs its score, a number from ${scale.min} to ${scale.max}`,
        expected: 'number',
        received: 'undefined',
      },
    ];
  }
  if (scale.type === 'levels' && b.level === undefined) {
    return [
      {
        path: ['level'],
        code: 'invalid_type',
        message: `${spec.names.en}: the certificate needs its level, one of ${scale.levels.map((l) => l.id).join(', ')}`,
        expected: 'string',
        received: 'undefined',
      },
    ];
  }
  return [];
}

/** An error as the page shows it: code, message and every field at fault. */
export function toPlaygroundError(e: unknown): PlaygroundError {
  if (e instanceof ValidationError) {
    return { error: { code: e.code, message: e.message, issues: e.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) } };
  }
  if (e instanceof CreditliftError) return { error: { code: e.code, message: e.message, issues: [] } };
  return { error: { code: 'internal', message: e instanceof Error ? e.message : String(e), issues: [] } };
}

/** The keys a decide request may hold. */
const DECIDE_KEYS = ['applicant', 'monthlyBudget'] as const;
/** The keys a certificate request may hold; the playground sets issuer, credential number and hashes itself. */
const CERTIFICATE_KEYS = ['kind', 'score', 'level', 'method', 'confidence', 'idHash', 'asOf', 'issueDate', 'seq'] as const;

/** A key as an error echoes it: at most 64 characters (a 1 MB key must not come back three times). */
function echoed(key: string): string {
  return key.length <= 64 ? key : `${key.slice(0, 64)}… (${key.length} characters)`;
}

function unknownKeyIssues(b: Record<string, unknown>, known: readonly string[], what: string): ValidationIssue[] {
  return Object.keys(b)
    .filter((k) => !known.includes(k))
    .map((k) => ({ path: [echoed(k)], code: 'unrecognized_key' as const, message: `unknown key: ${what} takes ${known.join(', ')}` }));
}

/** A certificate request's own faults: unknown keys, and values of the wrong type the draft would drop or change. */
function certificateRequestIssues(b: Record<string, unknown>): ValidationIssue[] {
  const issues = unknownKeyIssues(b, CERTIFICATE_KEYS, 'a certificate request');
  const wrong = (key: string, expected: string) =>
    issues.push({ path: [key], code: 'invalid_type', message: `${key} must be ${expected}`, expected, received: b[key] === null ? 'null' : typeof b[key] });
  if (typeof b.kind !== 'string') wrong('kind', 'a string: a catalog kind');
  if (b.score !== undefined && !(typeof b.score === 'number' && Number.isFinite(b.score))) wrong('score', 'a number');
  if (b.level !== undefined && typeof b.level !== 'string') wrong('level', 'a string: a level id of the kind');
  // An empty level was dropped without a word (and the certificate built without one), while a null score is refused.
  else if (b.level === '')
    issues.push({ path: ['level'], code: 'too_small', message: 'level must be a level id of the kind, not empty', expected: 'a level id', received: '""' });
  if (b.seq !== undefined && !(typeof b.seq === 'number' && Number.isSafeInteger(b.seq) && b.seq >= 0)) wrong('seq', 'a whole number, 0 or more');
  if (b.idHash !== undefined && typeof b.idHash !== 'string') wrong('idHash', "a string: the SHA-256 of the holder's national ID");
  if (b.issueDate !== undefined && typeof b.issueDate !== 'string') wrong('issueDate', 'a string: a calendar date YYYY-MM-DD');
  return issues;
}

/** What `f` returned, or the issues of the ValidationError it threw; anything else it throws goes on. */
function issuesOf<T>(f: () => T): { readonly value: T } | { readonly issues: readonly ValidationIssue[] } {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof ValidationError) return { issues: e.issues };
    throw e;
  }
}

/** The decision, or the applicant's faults with their paths under `applicant`. */
async function decideNaming(scorer: Scorer, applicant: unknown): Promise<{ readonly decision: Decision } | { readonly issues: readonly ValidationIssue[] }> {
  try {
    return { decision: await scorer.decide(applicant as ApplicantInput, DECIDE_WITHOUT_PREVIEWS) };
  } catch (e) {
    if (e instanceof ValidationError && e.code === 'validation_failed') return { issues: e.issues.map((i) => ({ ...i, path: ['applicant', ...i.path] })) };
    throw e;
  }
}

function asRecord(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(what, [{ path: [], code: 'invalid_type', message: `${what} must be a JSON object` }]);
  }
  return body as Record<string, unknown>;
}
