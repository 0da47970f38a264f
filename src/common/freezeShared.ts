/**
 * Freezes every plain object and array reachable from `value`, in place, and returns it; typed
 * arrays cannot be frozen (Object.freeze throws on one with elements), so they are left as they
 * are and a result shared between callers must only reach typed arrays its consumers read.
 */
export function freezeShared<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) freezeShared(child);
  return value;
}

/** Bytes held by the typed arrays reachable from `value` (each buffer view counted once), for a memo's size bound. */
export function typedArrayBytes(value: unknown, seen: Set<object> = new Set()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let sum = 0;
  for (const child of Object.values(value)) sum += typedArrayBytes(child, seen);
  return sum;
}
