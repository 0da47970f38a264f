/**
 * `T` read-only all the way down: every property `readonly`, every array a readonly array (tuples
 * stay tuples), maps and sets read-only; functions are left as they are. The type of every value
 * creditlift deep-freezes (`defaultPolicy`, `scorer.policy`, catalog kinds, example applicants), so
 * the compiler refuses the write the runtime refuses. A writable copy: `structuredClone(value)`
 * assigned to the writable type (readonly properties assign to writable ones; arrays do where the
 * writable type takes readonly arrays, as every creditlift input type does).
 *
 * @example
 * const policy: DeepReadonly<PolicyConfig> = defaultPolicy;
 * policy.age.min = 21; // compile error: the runtime value is frozen
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyMap<infer K, infer V>
    ? ReadonlyMap<K, DeepReadonly<V>>
    : T extends ReadonlySet<infer U>
      ? ReadonlySet<U>
      : T extends object
        ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
        : T;

/**
 * `T` with every array readonly, at any depth, and its properties as they were: what an input type
 * takes, so a frozen value, an `as const` literal or a `DeepReadonly` DTO passes where the runtime
 * accepts it, while a caller may still build and edit one field by field.
 */
export type ReadonlyArrays<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[]
    ? { readonly [K in keyof T]: ReadonlyArrays<T[K]> }
    : T extends object
      ? { [K in keyof T]: ReadonlyArrays<T[K]> }
      : T;
