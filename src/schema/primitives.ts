import { z } from 'zod';

/**
 * Money in integer fen (1 RMB = 100 fen). Never a float: rounding errors in money are bugs,
 * and integer fen makes every sum exact up to 2^53.
 */
export const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('Amount in integer fen (1 RMB = 100 fen)');
/** Money in integer fen. */
export type Fen = z.infer<typeof Fen>;

/** A calendar date as ISO `YYYY-MM-DD`. Parsed with date-fns; no time zone, no clock. */
export const IsoDate = z.iso.date().describe('Calendar date, ISO 8601 YYYY-MM-DD');
/** A calendar date as ISO `YYYY-MM-DD`. */
export type IsoDate = z.infer<typeof IsoDate>;

/** A lowercase hex SHA-256 digest (64 characters). */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters (SHA-256)');

/** A non-negative integer count (months, enquiries, transactions). */
export const Count = z.number().int().min(0).max(1_000_000);

/** A share in [0, 1]. */
export const Share = z.number().min(0).max(1);
