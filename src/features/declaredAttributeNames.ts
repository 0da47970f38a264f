/** A name a lender's attribute schema declares, and where: `['personal', 'female']` for a nested key. */
export interface DeclaredAttributeName {
  readonly name: string;
  readonly path: readonly string[];
}

/** The parts of a zod 4 schema definition this walk reads (`schema._zod.def`). */
interface ZodDefLike {
  readonly type?: string;
  readonly shape?: Record<string, unknown>;
  readonly catchall?: unknown;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly out?: unknown;
  readonly element?: unknown;
  readonly items?: readonly unknown[];
  readonly rest?: unknown;
  readonly options?: readonly unknown[];
  readonly left?: unknown;
  readonly right?: unknown;
  readonly keyType?: unknown;
  readonly valueType?: unknown;
  readonly entries?: Record<string, unknown>;
  readonly values?: readonly unknown[];
  readonly getter?: () => unknown;
}

const defOf = (schema: unknown): ZodDefLike | undefined => {
  const zod = (schema as { _zod?: { def?: unknown } } | null | undefined)?._zod;
  return typeof zod?.def === 'object' && zod.def !== null ? (zod.def as ZodDefLike) : undefined;
};

/**
 * Every key name a lender's attribute shape declares, however deep: the shape's own keys, the keys
 * of objects nested in them (through optional, nullable, default, array, union, intersection, pipe,
 * lazy...), and the keys a record or map fixes by an enum or literal key type
 * (`z.record(z.enum(['male', 'female']), z.number())`). Each such name carries the applicant's data
 * to the lender's features as `applicant.attributes.<path>`, so each is read for a protected
 * characteristic. Keys only known at run time (a record keyed by any string, `z.any()`) are read
 * when an applicant is parsed (see protectedAttributeKeys.ts).
 *
 * @param shape the `attributes` of `defineFeatureSet`, or a feature set's attribute schema (an object schema)
 */
export function declaredAttributeNames(shape: unknown): DeclaredAttributeName[] {
  const out: DeclaredAttributeName[] = [];
  // Each schema is walked once, at the first path it is reached by (a name under a schema used twice
  // is refused at its first place): a lazy schema may hold itself, and a schema reused at every level
  // of a nesting would be walked once per path, exponentially often.
  const walked = new Set<unknown>();
  const key = (name: string, value: unknown, path: readonly string[]) => {
    out.push({ name, path: [...path, name] });
    walk(value, [...path, name]);
  };
  const walk = (schema: unknown, path: readonly string[]): void => {
    const def = defOf(schema);
    if (def === undefined || walked.has(schema)) return;
    walked.add(schema);
    switch (def.type) {
      case 'object':
        for (const [name, value] of Object.entries(def.shape ?? {})) key(name, value, path);
        walk(def.catchall, [...path, '*']);
        break;
      case 'record':
      case 'map':
        for (const name of fixedKeys(def.keyType)) if (typeof name === 'string') out.push({ name, path: [...path, name] });
        walk(def.valueType, [...path, '*']);
        break;
      case 'lazy':
        walk(def.getter?.(), path);
        break;
      default:
        for (const inner of [
          def.innerType,
          def.in,
          def.out,
          def.element,
          def.rest,
          def.left,
          def.right,
          def.valueType,
          ...(def.items ?? []),
          ...(def.options ?? []),
        ])
          walk(inner, path);
    }
  };
  if (defOf(shape) === undefined && typeof shape === 'object' && shape !== null) {
    // A raw shape (`{ months_on_book: z.number() }`), as defineFeatureSet takes it.
    for (const [name, value] of Object.entries(shape)) key(name, value, []);
  } else walk(shape, []);
  return out;
}

/** The keys an enum, literal or union of them as a record's key type fixes; none for an open key type. */
function fixedKeys(keyType: unknown): unknown[] {
  const def = defOf(keyType);
  if (def === undefined) return [];
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries ?? {});
    case 'literal':
      return [...(def.values ?? [])];
    case 'union':
      return (def.options ?? []).flatMap(fixedKeys);
    default:
      return def.innerType === undefined ? [] : fixedKeys(def.innerType);
  }
}
