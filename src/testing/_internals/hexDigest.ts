import fc from 'fast-check';

const HEX = [...'0123456789abcdef'];

/** A lowercase 64-character hex string, the shape of a SHA-256 digest. */
export function sha256HexArbitrary(): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...HEX), minLength: 64, maxLength: 64 });
}

/** A digest guaranteed to differ from `digest` (its first character moved one hex step). */
export function otherDigest(digest: string): string {
  const first = HEX.indexOf(digest[0] ?? '0');
  return `${HEX[(first + 1) % HEX.length]}${digest.slice(1)}`;
}
