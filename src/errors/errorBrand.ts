/**
 * A registry-wide symbol (`Symbol.for`) that every creditlift error carries. The ESM and CJS builds
 * of the package are two copies of every class, so a plain prototype check fails when both are
 * loaded (an ESM app using a CJS-only plugin, say); the brand is shared by both copies.
 */
export const ERROR_BRAND: unique symbol = Symbol.for('creditlift.error') as never;

/** The class names an error was built as, e.g. `{'CreditliftError', 'ValidationError'}`. */
export type ErrorBrand = ReadonlySet<string>;

/** Marks `error` as an instance of the class named `className` (and keeps earlier marks). */
export function addBrand(error: object, className: string): void {
  const current = (error as { [ERROR_BRAND]?: Set<string> })[ERROR_BRAND];
  if (current !== undefined) {
    current.add(className);
    return;
  }
  Object.defineProperty(error, ERROR_BRAND, { value: new Set([className]), enumerable: false });
}

/** True when `value` carries the brand of the class named `className`, from any copy of the package. */
export function hasBrand(value: unknown, className: string): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const brand = (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND];
  return brand instanceof Set ? brand.has(className) : false;
}

/** Static key under which each creditlift error class names the brand its instances carry. */
export const BRAND_NAME: unique symbol = Symbol.for('creditlift.error.className') as never;

/**
 * The `instanceof` check of a creditlift error class: the shared brand when the class declares its
 * own brand name, the ordinary prototype check otherwise (a caller's own subclass).
 */
export function isInstanceOf(cls: object, value: unknown): boolean {
  const own = Object.hasOwn(cls, BRAND_NAME) ? (cls as { [BRAND_NAME]: unknown })[BRAND_NAME] : undefined;
  if (typeof own === 'string') return hasBrand(value, own);
  return Function.prototype[Symbol.hasInstance].call(cls, value);
}
