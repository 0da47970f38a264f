import { truncateForMessage } from '../errors/truncateForMessage.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { ValidationIssueCode } from '../errors/validationIssueCode.js';
import { protectedValueOf } from '../text/protectedValue.js';
import { attributeSourcePaths } from './attributeSources.js';
import type { FeatureContext } from './featureContext.js';
import type { FeatureDefinition } from './featureDefinitions.js';

/** What a feature may read at one place under `attributes`, or in the applicant's built-in fields. */
interface SourceNode {
  /** Everything below (a source ends here). */
  whole: boolean;
  readonly keys: Map<string, SourceNode>;
  /** What a `*` in the sources lets it read under any key. */
  any: SourceNode | undefined;
  /** A built-in record's: the keys it does not list are read whole (only the listed ones are guarded). */
  others?: boolean;
  /** A personal identifier (personalIdentifiers.ts): nothing in it is ever read. */
  identifier?: boolean;
  /** Built-in free text: read for protected groups when read (a lender's schema does not type it). */
  text?: boolean;
}

const node = (): SourceNode => ({ whole: false, keys: new Map(), any: undefined });
const WHOLE: SourceNode = { whole: true, keys: new Map(), any: undefined };
const TEXT: SourceNode = { whole: true, keys: new Map(), any: undefined, text: true };
const IDENTIFIER: SourceNode = { whole: false, keys: new Map(), any: undefined, identifier: true };
const record = (keys: Record<string, SourceNode>): SourceNode => ({ whole: false, keys: new Map(Object.entries(keys)), any: undefined, others: true });
/** An upload in `applicant.evidence`: its holder never read, its issuer, kind, level and number read for protected groups. */
const UPLOAD = record({ holder: IDENTIFIER, issuer: TEXT, kind: TEXT, level: TEXT, credentialId: TEXT });
/** An assessment in `ctx.evidence`: its kind and number are the applicant's text. */
const ASSESSMENT = record({ kind: TEXT, credentialId: TEXT });

function sourceTree(paths: readonly (readonly string[])[]): SourceNode {
  const root = node();
  for (const path of paths) {
    let at = root;
    for (const key of path) {
      if (key === '*') at = at.any ??= node();
      else {
        let next = at.keys.get(key);
        if (next === undefined) at.keys.set(key, (next = node()));
        at = next;
      }
    }
    at.whole = true;
  }
  return root;
}

// Both `attributes.x.a` and `attributes.*.b` let a feature read `x.b`.
function merged(a: SourceNode | undefined, b: SourceNode | undefined): SourceNode | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const out = node();
  out.whole = a.whole || b.whole;
  for (const key of new Set([...a.keys.keys(), ...b.keys.keys()])) out.keys.set(key, merged(a.keys.get(key), b.keys.get(key)) as SourceNode);
  out.any = merged(a.any, b.any);
  return out;
}

/** The applicant as one lender feature may read it, and the first read it may not make. */
interface Guard {
  readonly feature: string;
  /** Set at the first refused read (kept when compute catches the throw: the value was still asked for). */
  refused: ValidationIssue | undefined;
}

// The first character first: `length` and `map` are read on every pass over an array view.
const isIndex = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(0|[1-9]\d*)$/.test(key);
};

function fail(guard: Guard, code: ValidationIssueCode, message: string): never {
  const issue: ValidationIssue = { path: ['features', guard.feature], code, message: `feature "${guard.feature}" ${message}` };
  guard.refused ??= issue;
  throw new ValidationError('feature values', [issue]);
}

const shown = (path: readonly (string | number)[]) => path.map((k) => truncateForMessage(String(k))).join('.');

function refuse(state: ViewState, key: string | number, how: string): never {
  const at = shown(pathOf(state, key));
  if (state.tree.identifier)
    return fail(
      state.guard,
      'personal_identifier',
      `${how} ${at}: a personal identifier (the applicant's identity, a certificate's holder) only matches a holder to the applicant, and is never a model input`,
    );
  return fail(
    state.guard,
    'undeclared_source',
    `${how} ${at}, which its sources do not list: list it in the feature's sources (the applicant's text there is then read for protected characteristics), or do not read it`,
  );
}

/** `text` as read at `path`, once it names no protected group. */
function readText(guard: Guard, path: readonly (string | number)[], text: string): string {
  const found = protectedValueOf(text);
  if (found === null) return text;
  return fail(
    guard,
    'protected_characteristic',
    `reads ${shown(path)}, "${truncateForMessage(text)}", which names a protected characteristic (${found.characteristic}: "${found.term}"): it would be a model input`,
  );
}

const readOnly = (state: ViewState, key: PropertyKey): never => refuse(state, String(key), 'writes to');

/** What one view reads from: kept on its proxy's target, so every view shares one handler. */
interface ViewState {
  readonly value: object;
  readonly tree: SourceNode;
  /** The view this one was read from, and under which key: the path is only spelled out for a refusal. */
  readonly parent: ViewState | undefined;
  readonly key: string | number | undefined;
  readonly guard: Guard;
  readonly array: boolean;
  /** Views of what was read, made once each, so `a.b === a.b` holds; text once read for protected groups. */
  children: Map<string, unknown> | undefined;
}
const STATE: unique symbol = Symbol('attribute view');
type Target = object & { [STATE]: ViewState };

function pathOf(state: ViewState, key: string | number): (string | number)[] {
  const path = [key];
  for (let at: ViewState | undefined = state; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

function child(state: ViewState, key: string): unknown {
  const item = (state.value as Record<string, unknown>)[key];
  // A string or number holds nothing more to hide, and needs no identity kept; built-in text is read
  // once per view (the two computes of the determinism check share it).
  if (typeof item !== 'object' || item === null) {
    if (typeof item !== 'string' || state.array || state.tree.keys.get(key)?.text !== true || state.children?.get(key) === item) return item;
    (state.children ??= new Map()).set(key, readText(state.guard, pathOf(state, key), item));
    return item;
  }
  const known = state.children?.get(key);
  if (known !== undefined) return known;
  const listed = state.tree.keys.get(key);
  const sub = state.array ? state.tree : state.tree.others ? (listed ?? WHOLE) : (merged(listed, state.tree.any) as SourceNode);
  const out = viewOf(item, sub, state, state.array ? Number(key) : key, state.guard);
  (state.children ??= new Map()).set(key, out);
  return out;
}

const allowed = (state: ViewState, key: string): boolean =>
  state.array ? isIndex(key) : state.tree.any !== undefined || state.tree.others === true || state.tree.keys.has(key);

// One handler for every view: a handler and closures made per view cost about 8 µs a row.
const VIEW: ProxyHandler<Target> = {
  get(t, key, receiver) {
    const state = t[STATE];
    const { value } = state;
    if (typeof key === 'symbol' || (state.array && !isIndex(key))) return Reflect.get(value, key, receiver);
    if (allowed(state, key)) return child(state, key);
    // An inherited member (`toString`, `hasOwnProperty`) is no attribute; reading it reveals nothing.
    if (!state.array && !Object.hasOwn(value, key) && key in value) return Reflect.get(value, key, receiver);
    return refuse(state, key, 'reads');
  },
  has(t, key) {
    const state = t[STATE];
    if (typeof key === 'symbol' || (state.array && !isIndex(key)) || allowed(state, key)) return Reflect.has(state.value, key);
    return refuse(state, key, 'asks whether it has');
  },
  ownKeys(t) {
    const state = t[STATE];
    // Listing the keys would show which undeclared attributes the applicant has.
    if (state.array || state.tree.any !== undefined || state.tree.others === true) return Reflect.ownKeys(state.value);
    return refuse(state, '*', 'lists every key of');
  },
  getOwnPropertyDescriptor(t, key) {
    const state = t[STATE];
    if (state.array && key === 'length') return { value: (state.value as unknown[]).length, writable: true, enumerable: false, configurable: false };
    if (typeof key !== 'symbol' && !allowed(state, key)) return refuse(state, key, 'reads');
    const own = Reflect.getOwnPropertyDescriptor(state.value, key);
    if (own === undefined) return undefined;
    return { value: typeof key === 'symbol' ? own.value : child(state, key), writable: false, enumerable: own.enumerable ?? true, configurable: true };
  },
  set: (t, key) => readOnly(t[STATE], key),
  defineProperty: (t, key) => readOnly(t[STATE], key),
  deleteProperty: (t, key) => readOnly(t[STATE], key),
  setPrototypeOf: () => false,
};

/**
 * `value` as a feature may read it at `tree`: itself when its sources cover everything below (or it
 * is not an object: a string or number holds nothing more to hide), otherwise a read-only view that
 * throws at any key the sources do not name. Arrays are read item by item at the same place, as
 * sources drop indexes. Views of what it holds are made once each, so `a.b === a.b` holds.
 */
function viewOf(value: unknown, tree: SourceNode, parent: ViewState | undefined, key: string | number | undefined, guard: Guard): unknown {
  if (tree.whole || typeof value !== 'object' || value === null) return value;
  const array = Array.isArray(value);
  // The target is a stand-in, not the value: a view hands out views, which a frozen target's
  // invariants would forbid. Its prototype is the value's, so methods (`map`, `hasOwnProperty`) work.
  const target = (array ? [] : Object.create(Object.getPrototypeOf(value) as object | null)) as Target;
  // Assigned, not defined: Object.defineProperty cost over a microsecond a row.
  target[STATE] = { value, tree, parent, key, guard, array, children: undefined };
  return new Proxy(target, VIEW);
}

/** A lender feature's context as it may read it, and the first read it was refused. */
export interface SourceLimitedContext {
  readonly context: FeatureContext<never>;
  /**
   * The issue of the first read refused: an attribute the sources do not name (`undeclared_source`),
   * a personal identifier (`personal_identifier`), built-in text naming a protected group
   * (`protected_characteristic`); once there was one.
   */
  refusedRead(): ValidationIssue | undefined;
}

/** What an applicant view reads from: the applicant, and its guarded fields as the feature may read them, each made at its first read. */
interface ApplicantState {
  readonly applicant: Readonly<Record<string, unknown>>;
  readonly attributes: unknown;
  readonly guard: Guard;
  evidence: unknown;
  identity: unknown;
  idRead: boolean;
}
const APPLICANT: unique symbol = Symbol('applicant view');
type ApplicantTarget = object & { [APPLICANT]: ApplicantState };
const readOnlyApplicant = (t: ApplicantTarget, key: PropertyKey): never => {
  throw new TypeError(`feature "${t[APPLICANT].guard.feature}" writes to applicant.${String(key)}: a feature's context is read-only`);
};

/** The applicant's field `key` as the feature is given it. */
function field(s: ApplicantState, key: string | symbol): unknown {
  switch (key) {
    case 'attributes':
      return s.attributes;
    case 'evidence':
      return (s.evidence ??= viewOf(s.applicant.evidence, UPLOAD, undefined, 'applicant.evidence', s.guard));
    case 'identity':
      return (s.identity ??= viewOf(s.applicant.identity, IDENTIFIER, undefined, 'applicant.identity', s.guard));
    case 'id': {
      const id = s.applicant.id;
      if (!s.idRead && typeof id === 'string') readText(s.guard, ['applicant', 'id'], id);
      s.idRead = true;
      return id;
    }
    default:
      return Reflect.get(s.applicant, key);
  }
}

// The applicant with its guarded fields replaced, as a proxy rather than a copy: spreading a parsed
// applicant's fields cost 1-2 µs a row, most of what the view cost.
const APPLICANT_VIEW: ProxyHandler<ApplicantTarget> = {
  get: (t, key) => field(t[APPLICANT], key),
  has: (t, key) => Reflect.has(t[APPLICANT].applicant, key),
  ownKeys: (t) => Reflect.ownKeys(t[APPLICANT].applicant),
  getOwnPropertyDescriptor(t, key) {
    const s = t[APPLICANT];
    const own = Reflect.getOwnPropertyDescriptor(s.applicant, key);
    if (own === undefined) return undefined;
    return { value: field(s, key), writable: false, enumerable: own.enumerable ?? true, configurable: true };
  },
  set: readOnlyApplicant,
  defineProperty: readOnlyApplicant,
  deleteProperty: readOnlyApplicant,
  setPrototypeOf: () => false,
};

function applicantView(applicant: object, attributes: unknown, guard: Guard): object {
  const target = Object.create(Object.getPrototypeOf(applicant) as object | null) as ApplicantTarget;
  target[APPLICANT] = { applicant: applicant as Readonly<Record<string, unknown>>, attributes, guard, evidence: undefined, identity: undefined, idRead: false };
  return new Proxy(target, APPLICANT_VIEW);
}

class Limited implements SourceLimitedContext {
  constructor(
    readonly context: FeatureContext<never>,
    private readonly guard: Guard,
  ) {}
  refusedRead(): ValidationIssue | undefined {
    return this.guard.refused;
  }
}

/**
 * Binds what `def` may read: the function it returns gives a context whose
 * `applicant.attributes` holds only what `def.sources` name (`attributes.x`, `attributes.x.y`,
 * `attributes.*.y`, `attributes` for all), whose `applicant.identity` and certificates' `holder` are
 * never read (personal identifiers), and whose built-in free text (`applicant.id`, an upload's
 * `issuer`, `kind`, `level` and `credentialId`, an assessment's `kind` and `credentialId`) is read for
 * protected groups as it is read, institution names passed (src/text/protectedValue.ts). A refused
 * read throws a `ValidationError` naming the feature and the field (`undeclared_source`,
 * `personal_identifier`, `protected_characteristic`) and is remembered, so a compute that catches the
 * throw is refused all the same.
 *
 * The free-text check of attributes reads exactly what these sources name (protectedAttributeText.ts),
 * so attribute text a feature is given has been read. Each call makes a new context and keeps none:
 * once the value is computed, nothing here holds the applicant (a kept context held the last
 * applicant of every lender feature of a scorer until its next decision). The two computes of the
 * determinism check share the one context the encoder asks for.
 */
export function attributeSourceLimiter(def: Pick<FeatureDefinition, 'name' | 'sources'>): (ctx: FeatureContext<never>) => SourceLimitedContext {
  const tree = sourceTree(attributeSourcePaths(def));
  return (ctx) => {
    const applicant = ctx.applicant as FeatureContext<never>['applicant'] & { readonly attributes: unknown };
    const guard: Guard = { feature: def.name, refused: undefined };
    const attributes = viewOf(applicant.attributes, tree, undefined, 'attributes', guard);
    const context = {
      ...ctx,
      applicant: applicantView(applicant, attributes, guard),
      // No assessment, no text to guard: a view of an empty list cost about 150 ns a row per feature.
      evidence: ctx.evidence.length === 0 ? ctx.evidence : viewOf(ctx.evidence, ASSESSMENT, undefined, 'evidence', guard),
    } as FeatureContext<never>;
    return new Limited(context, guard);
  };
}
