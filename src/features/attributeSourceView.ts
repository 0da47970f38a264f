import { truncateForMessage } from '../errors/truncateForMessage.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { attributeSourcePaths } from './attributeSources.js';
import type { FeatureContext } from './featureContext.js';
import type { FeatureDefinition } from './featureDefinitions.js';

/** What a feature's sources let it read at one place under `attributes`. */
interface SourceNode {
  /** Everything below (a source ends here). */
  whole: boolean;
  readonly keys: Map<string, SourceNode>;
  /** What a `*` in the sources lets it read under any key. */
  any: SourceNode | undefined;
}

const node = (): SourceNode => ({ whole: false, keys: new Map(), any: undefined });

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

/** The applicant's attributes as one lender feature may read them, and the first read it may not. */
interface Guard {
  readonly feature: string;
  /** Set at the first undeclared read (kept when compute catches the throw: the value was still asked for). */
  undeclared: ValidationIssue | undefined;
}

const isIndex = (key: string) => /^(0|[1-9]\d*)$/.test(key);

function refuse(guard: Guard, path: readonly (string | number)[], how: string): never {
  const shown = `attributes.${path.map((k) => truncateForMessage(String(k))).join('.')}`;
  const issue: ValidationIssue = {
    path: ['features', guard.feature],
    code: 'undeclared_source',
    message: `feature "${guard.feature}" ${how} ${shown}, which its sources do not list: list it in the feature's sources (the applicant's text there is then read for protected characteristics), or do not read it`,
  };
  guard.undeclared ??= issue;
  throw new ValidationError('feature values', [issue]);
}

const readOnly = (guard: Guard, path: readonly (string | number)[]): never => refuse(guard, path, 'writes to');

/** What one view reads from: kept on its proxy's target, so every view shares one handler. */
interface ViewState {
  readonly value: object;
  readonly tree: SourceNode;
  /** The view this one was read from, and under which key: the path is only spelled out for a refusal. */
  readonly parent: ViewState | undefined;
  readonly key: string | number | undefined;
  readonly guard: Guard;
  readonly array: boolean;
  /** Views of what was read, made once each, so `a.b === a.b` holds. */
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
  // A string or number holds nothing more to hide, and needs no identity kept.
  if (typeof item !== 'object' || item === null) return item;
  const known = state.children?.get(key);
  if (known !== undefined) return known;
  const sub = state.array ? state.tree : (merged(state.tree.keys.get(key), state.tree.any) as SourceNode);
  const out = viewOf(item, sub, state, state.array ? Number(key) : key, state.guard);
  (state.children ??= new Map()).set(key, out);
  return out;
}

const allowed = (state: ViewState, key: string): boolean => (state.array ? isIndex(key) : state.tree.any !== undefined || state.tree.keys.has(key));

// One handler for every view: a handler and closures made per view cost about 8 µs a row.
const VIEW: ProxyHandler<Target> = {
  get(t, key, receiver) {
    const state = t[STATE];
    const { value } = state;
    if (typeof key === 'symbol' || (state.array && !isIndex(key))) return Reflect.get(value, key, receiver);
    if (allowed(state, key)) return child(state, key);
    // An inherited member (`toString`, `hasOwnProperty`) is no attribute; reading it reveals nothing.
    if (!state.array && !Object.hasOwn(value, key) && key in value) return Reflect.get(value, key, receiver);
    return refuse(state.guard, pathOf(state, key), 'reads');
  },
  has(t, key) {
    const state = t[STATE];
    if (typeof key === 'symbol' || (state.array && !isIndex(key)) || allowed(state, key)) return Reflect.has(state.value, key);
    return refuse(state.guard, pathOf(state, key), 'asks whether it has');
  },
  ownKeys(t) {
    const state = t[STATE];
    // Listing the keys would show which undeclared attributes the applicant has.
    if (state.array || state.tree.any !== undefined) return Reflect.ownKeys(state.value);
    return refuse(state.guard, pathOf(state, '*'), 'lists every key of');
  },
  getOwnPropertyDescriptor(t, key) {
    const state = t[STATE];
    if (state.array && key === 'length') return { value: (state.value as unknown[]).length, writable: true, enumerable: false, configurable: false };
    if (typeof key !== 'symbol' && !allowed(state, key)) return refuse(state.guard, pathOf(state, key), 'reads');
    const own = Reflect.getOwnPropertyDescriptor(state.value, key);
    if (own === undefined) return undefined;
    return { value: typeof key === 'symbol' ? own.value : child(state, key), writable: false, enumerable: own.enumerable ?? true, configurable: true };
  },
  set: (t, key) => readOnly(t[STATE].guard, pathOf(t[STATE], String(key))),
  defineProperty: (t, key) => readOnly(t[STATE].guard, pathOf(t[STATE], String(key))),
  deleteProperty: (t, key) => readOnly(t[STATE].guard, pathOf(t[STATE], String(key))),
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

/** A lender feature's context with only the attributes its sources name, and the first read it was refused. */
export interface SourceLimitedContext {
  readonly context: FeatureContext<never>;
  /** The `undeclared_source` issue of the first read of an attribute the sources do not name, once there was one. */
  undeclaredRead(): ValidationIssue | undefined;
}

/** What an applicant view reads from: the applicant, and its attributes as the feature may read them. */
interface ApplicantState {
  readonly applicant: object;
  readonly attributes: unknown;
  readonly feature: string;
}
const APPLICANT: unique symbol = Symbol('applicant view');
type ApplicantTarget = object & { [APPLICANT]: ApplicantState };
const readOnlyApplicant = (t: ApplicantTarget, key: PropertyKey): never => {
  throw new TypeError(`feature "${t[APPLICANT].feature}" writes to applicant.${String(key)}: a feature's context is read-only`);
};

// The applicant with `attributes` replaced, as a proxy rather than a copy: spreading a parsed
// applicant's fields cost 1-2 µs a row, most of what the view cost.
const APPLICANT_VIEW: ProxyHandler<ApplicantTarget> = {
  get: (t, key) => (key === 'attributes' ? t[APPLICANT].attributes : Reflect.get(t[APPLICANT].applicant, key)),
  has: (t, key) => Reflect.has(t[APPLICANT].applicant, key),
  ownKeys: (t) => Reflect.ownKeys(t[APPLICANT].applicant),
  getOwnPropertyDescriptor(t, key) {
    const { applicant, attributes } = t[APPLICANT];
    const own = Reflect.getOwnPropertyDescriptor(applicant, key);
    if (own === undefined) return undefined;
    return { value: key === 'attributes' ? attributes : Reflect.get(applicant, key), writable: false, enumerable: own.enumerable ?? true, configurable: true };
  },
  set: readOnlyApplicant,
  defineProperty: readOnlyApplicant,
  deleteProperty: readOnlyApplicant,
  setPrototypeOf: () => false,
};

function applicantView(applicant: object, attributes: unknown, feature: string): object {
  const target = Object.create(Object.getPrototypeOf(applicant) as object | null) as ApplicantTarget;
  target[APPLICANT] = { applicant, attributes, feature };
  return new Proxy(target, APPLICANT_VIEW);
}

class Limited implements SourceLimitedContext {
  constructor(
    readonly context: FeatureContext<never>,
    private readonly guard: Guard,
  ) {}
  undeclaredRead(): ValidationIssue | undefined {
    return this.guard.undeclared;
  }
}

/**
 * Makes `def`'s sources binding: the function it returns gives a context whose
 * `applicant.attributes` holds only what `def.sources` name (`attributes.x`, `attributes.x.y`,
 * `attributes.*.y`, `attributes` for all). Reading, testing for, listing or writing anything else
 * throws a `ValidationError` (`undeclared_source`, naming the feature and the attribute) and is
 * remembered, so a compute that catches the throw is refused all the same. Undefined when the
 * feature may read every attribute (a source `attributes`): it is given the context as it is.
 *
 * The free-text check reads exactly what these sources name (protectedAttributeText.ts), so text a
 * feature is given has been read. The last context asked for is kept, so the encoder's passes over
 * one input (its row, then `unseenCategories` over the same input) share one view: two proxies per
 * input and feature, about a microsecond; the two computes of the determinism check share the view
 * the encoder's wrapper asked for once. The kept context holds the last applicant until the next.
 */
export function attributeSourceLimiter(def: Pick<FeatureDefinition, 'name' | 'sources'>): ((ctx: FeatureContext<never>) => SourceLimitedContext) | undefined {
  const tree = sourceTree(attributeSourcePaths(def));
  if (tree.whole) return undefined;
  // Keyed by every part the view is made of, not the context alone: a caller may reuse one input object.
  let lastCtx: unknown;
  let lastApplicant: unknown;
  let lastAttributes: unknown;
  let lastEvidence: unknown;
  let limited: SourceLimitedContext | undefined;
  return (ctx) => {
    const applicant = ctx.applicant as FeatureContext<never>['applicant'] & { readonly attributes: unknown };
    if (limited !== undefined && lastCtx === ctx && lastApplicant === applicant && lastAttributes === applicant.attributes && lastEvidence === ctx.evidence)
      return limited;
    const guard: Guard = { feature: def.name, undeclared: undefined };
    const attributes = viewOf(applicant.attributes, tree, undefined, undefined, guard);
    const context = (
      attributes === applicant.attributes ? ctx : { ...ctx, applicant: applicantView(applicant, attributes, def.name) }
    ) as FeatureContext<never>;
    lastCtx = ctx;
    lastApplicant = applicant;
    lastAttributes = applicant.attributes;
    lastEvidence = ctx.evidence;
    limited = new Limited(context, guard);
    return limited;
  };
}
