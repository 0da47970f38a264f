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

/** Values an attribute schema fixes at a path (an enum's or literal's), as `z.enum(['gold', 'silver'])` at `['tier']`. */
export interface DeclaredAttributeValues {
  readonly values: readonly string[];
  readonly path: readonly string[];
}

/** What {@link walkAttributeShape} reports: every key it meets, and every enum's or literal's string values. */
interface ShapeVisitor {
  readonly key: (name: string, path: readonly string[]) => void;
  readonly values: (values: readonly string[], path: readonly string[]) => void;
}

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
  walkAttributeShape(shape, { key: (name, path) => out.push({ name, path: [...path, name] }), values: () => {} });
  return out;
}

/**
 * Every set of values a lender's attribute shape fixes, at the attribute that holds them: an enum's
 * options and a literal's strings (`segment: z.enum(['male', 'female'])`, `z.literal('married')`),
 * however deep, as {@link declaredAttributeNames} walks. A value is what a lender's feature reads
 * from the attribute, so each is read for a protected group it names. Values only known at run time
 * (a free `z.string()`) are not read: a feature reading one declares its categories, and those are.
 *
 * @param shape the `attributes` of `defineFeatureSet`, or a feature set's attribute schema (an object schema)
 */
export function declaredAttributeValues(shape: unknown): DeclaredAttributeValues[] {
  const out: DeclaredAttributeValues[] = [];
  walkAttributeShape(shape, { key: () => {}, values: (values, path) => out.push({ values, path }) });
  return out;
}

function walkAttributeShape(shape: unknown, visit: ShapeVisitor): void {
  // Each schema is walked once, at the first path it is reached by (a name under a schema used twice
  // is refused at its first place): a lazy schema may hold itself, and a schema reused at every level
  // of a nesting would be walked once per path, exponentially often.
  const walked = new Set<unknown>();
  const key = (name: string, value: unknown, path: readonly string[]) => {
    visit.key(name, path);
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
        for (const name of fixedValues(def.keyType)) if (typeof name === 'string') visit.key(name, path);
        walk(def.valueType, [...path, '*']);
        break;
      case 'lazy':
        walk(def.getter?.(), path);
        break;
      case 'enum':
      case 'literal': {
        const values = fixedValues(schema).filter((v): v is string => typeof v === 'string');
        if (values.length > 0) visit.values(values, path);
        break;
      }
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
}

/**
 * The values an enum, literal or union of them fixes (as a record's key type: its keys); none for an
 * open type.
 */
function fixedValues(schema: unknown): unknown[] {
  const def = defOf(schema);
  if (def === undefined) return [];
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries ?? {});
    case 'literal':
      return [...(def.values ?? [])];
    case 'union':
      return (def.options ?? []).flatMap(fixedValues);
    default:
      return def.innerType === undefined ? [] : fixedValues(def.innerType);
  }
}
