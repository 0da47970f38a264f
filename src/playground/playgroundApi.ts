import { createHash } from 'node:crypto';
import { isValid } from 'date-fns/isValid';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import {
  CertificateEvidence,
  CreditliftError,
  ValidationError,
  defaultCatalog,
  evidenceReasons,
  typicalEvidence,
  type BilingualText,
  type ApplicantInput,
  type Decision,
  type Scorer,
} from '../index.js';
import { EXAMPLE_AS_OF, exampleApplicants } from '../examples/index.js';
import { budgetView, constraintText, FACTOR_LEGEND, type BudgetView } from '../story/index.js';

/** What the page needs once: the examples to pick from and the certificate catalog. */
export interface PlaygroundSetup {
  readonly asOf: string;
  /** The legend of factor signs. */
  readonly legend: BilingualText;
  /** Why a certificate was not counted, per reason code, in both languages. */
  readonly evidenceReasons: Readonly<Record<string, BilingualText>>;
  readonly examples: readonly { readonly id: string; readonly segment: string; readonly story: string; readonly applicant: ApplicantInput }[];
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
  readonly budget: BudgetView;
}

/** A request the page got wrong: shown on the page with every field named. */
export interface PlaygroundError {
  readonly error: { readonly code: string; readonly message: string; readonly issues: readonly { readonly path: string; readonly message: string }[] };
}

/** The examples and catalog, as the page reads them. */
export function playgroundSetup(): PlaygroundSetup {
  return {
    asOf: EXAMPLE_AS_OF,
    legend: FACTOR_LEGEND,
    evidenceReasons,
    examples: exampleApplicants.map((e) => ({ id: e.id, segment: e.segment, story: e.story, applicant: e.applicant })),
    catalog: [...defaultCatalog.values()].map((spec) => {
      const t = typicalEvidence(spec.id);
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
  if (budget !== undefined && budget !== null && !(typeof budget === 'number' && Number.isSafeInteger(budget) && budget >= 0)) {
    throw new ValidationError('playground request', [
      { path: ['monthlyBudget'], code: 'invalid_type', message: 'monthlyBudget must be a whole number of fen, 0 or more' },
    ]);
  }
  // decide validates the edited applicant at run time and names every field at fault.
  const decision = await scorer.decide(b.applicant as ApplicantInput);
  return {
    decision,
    bindingText: constraintText(decision.bindingConstraint),
    budget: budgetView(
      decision,
      b.applicant as ApplicantInput,
      typeof budget === 'number' ? budget : null,
      scorer.policy.limits.productMin,
      scorer.policy.limits.roundingStep,
    ),
  };
}

/**
 * Builds the evidence record for a certificate the person adds on the page: theirs (holder = the
 * applicant's id hash), issued a month before the decision date, with a document hash made from the
 * page's sequence number so every added document is distinct.
 *
 * @throws ValidationError naming every field at fault
 */
export function playgroundCertificate(body: unknown): CertificateEvidence {
  const b = asRecord(body, 'certificate request');
  const kind = typeof b.kind === 'string' ? b.kind : '';
  const spec = defaultCatalog.get(kind);
  // The decision date the certificate is dated against: a calendar date, named when it is not one
  // (2026-02-30 used to reach date-fns and come back as a 500 "Invalid time value").
  const asOfGiven = b.asOf === undefined ? EXAMPLE_AS_OF : b.asOf;
  const asOfOk =
    typeof asOfGiven === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(asOfGiven) &&
    isValid(parseISO(asOfGiven)) &&
    formatISO(parseISO(asOfGiven), { representation: 'date' }) === asOfGiven;
  if (!asOfOk)
    throw new ValidationError('certificate request', [{ path: ['asOf'], code: 'invalid_format', message: 'asOf must be a calendar date YYYY-MM-DD' }]);
  const asOf = asOfGiven as string;
  const seq = typeof b.seq === 'number' && Number.isSafeInteger(b.seq) ? b.seq : 0;
  const issueDate = formatISO(subDays(parseISO(asOf), 30), { representation: 'date' });
  const draft = {
    kind,
    issuer: spec ? `${spec.names.en} issuer (playground)` : 'playground',
    credentialId: `PG-${kind}-${seq}`,
    holder: { idHash: b.idHash },
    issueDate,
    ...(typeof b.score === 'number' ? { score: b.score } : {}),
    ...(typeof b.level === 'string' && b.level !== '' ? { level: b.level } : {}),
    verification: { method: b.method, confidence: b.confidence },
    documentHash: createHash('sha256')
      .update(`creditlift-playground:${kind}:${seq}:${String(b.idHash)}`)
      .digest('hex'),
  };
  const parsed = CertificateEvidence.safeParse(draft);
  // Every problem at once: the schema's and an unknown kind's.
  const issues = [
    ...(parsed.success ? [] : ValidationError.fromZod('certificate', parsed.error).issues),
    ...(spec === undefined ? [{ path: ['kind'], code: 'invalid_value' as const, message: `"${kind}" is not in the catalog` }] : []),
  ];
  if (!parsed.success || issues.length > 0) throw new ValidationError('certificate', issues);
  return parsed.data;
}

/** An error as the page shows it: code, message and every field at fault. */
export function toPlaygroundError(e: unknown): PlaygroundError {
  if (e instanceof ValidationError) {
    return { error: { code: e.code, message: e.message, issues: e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } };
  }
  if (e instanceof CreditliftError) return { error: { code: e.code, message: e.message, issues: [] } };
  return { error: { code: 'internal', message: e instanceof Error ? e.message : String(e), issues: [] } };
}

function asRecord(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(what, [{ path: [], code: 'invalid_type', message: `${what} must be a JSON object` }]);
  }
  return body as Record<string, unknown>;
}
