import { ValidationError } from '../errors/validationError.js';

/** Shortest lender key accepted: 256 bits, the HMAC-SHA-256 block strength. */
export const MIN_KEY_BYTES = 32;

/**
 * A lender key's bytes (a string as UTF-8), or null when none is given.
 *
 * @throws ValidationError (`subject`, field `name`, issue `invalid_key`) for anything but a string or
 *   Uint8Array of at least {@link MIN_KEY_BYTES} bytes
 */
export function keyBytes(key: unknown, name: string, subject = 'ScorerOptions'): Uint8Array | null {
  if (key === undefined) return null;
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key instanceof Uint8Array ? key : null;
  if (bytes === null || bytes.length < MIN_KEY_BYTES) {
    throw new ValidationError(subject, [
      { path: [name], code: 'invalid_key', message: `${name} must be a string or Uint8Array of at least ${MIN_KEY_BYTES} bytes` },
    ]);
  }
  return bytes;
}
