import { createHmac } from 'node:crypto';
import type { ScorerArgs } from './openScorer.js';
import { readKeyFile } from './readKeyFile.js';

/**
 * Which lender keys a run decides under, named without revealing them: a run's manifest and a
 * distributed job record these, so a resumed run or a worker under another key (or none) is
 * refused instead of mixing signed and unsigned, or differently keyed, decisions in one output.
 */
export interface KeyFingerprints {
  /** Fingerprint of `--signing-key-file`'s key, or null when decisions are not signed. */
  readonly signing: string | null;
  /** Fingerprint of `--personal-data-key-file`'s key, or null (derived from the signing key, or none). */
  readonly personalData: string | null;
}

/** HMAC of a fixed label under the key: equal for equal keys, and says nothing of the key itself (as a manifest records it). */
export function fingerprint(key: Uint8Array): string {
  return createHmac('sha256', key).update('creditlift/key-fingerprint/v1').digest('hex').slice(0, 32);
}

/** The fingerprints of the key files a command line names, read exactly as the scorer reads them. */
export async function keyFingerprints(values: ScorerArgs): Promise<KeyFingerprints> {
  const signing = values['signing-key-file'];
  const personal = values['personal-data-key-file'];
  return {
    signing: signing === undefined ? null : fingerprint(await readKeyFile(signing, '--signing-key-file')),
    personalData: personal === undefined ? null : fingerprint(await readKeyFile(personal, '--personal-data-key-file')),
  };
}

/**
 * The keys a run verified decisions under, named as {@link KeyFingerprints} names them, with the
 * signing keys used before a rotation (`--verification-key-file`, in the order given): `simulate`
 * records these, so a summary says which keys the stored decisions it reassessed from were checked
 * under, and a rerun under another key is told apart.
 */
export interface VerificationKeyFingerprints extends KeyFingerprints {
  /** Fingerprint of each `--verification-key-file`'s key, in order; empty when none. */
  readonly verification: readonly string[];
}

/** The fingerprints of keys already read (the very bytes the scorer was given). */
export function fingerprintsOfKeys(keys: {
  readonly signing?: Uint8Array | undefined;
  readonly personalData?: Uint8Array | undefined;
  readonly verification?: readonly Uint8Array[] | undefined;
}): VerificationKeyFingerprints {
  return {
    signing: keys.signing === undefined ? null : fingerprint(keys.signing),
    personalData: keys.personalData === undefined ? null : fingerprint(keys.personalData),
    verification: (keys.verification ?? []).map(fingerprint),
  };
}

/** How {@link keyMismatches} names the two sides: a run and now, or a job and a worker. */
export interface KeySides {
  readonly before: string;
  readonly now: string;
}

/** One sentence per key that differs between a run (or job) and now; empty when they agree. */
export function keyMismatches(before: KeyFingerprints | undefined, now: KeyFingerprints, sides: KeySides = { before: 'the run used', now: 'now' }): string[] {
  if (before === undefined) return ['the run did not record which keys it used (its manifest predates key fingerprints)'];
  const out: string[] = [];
  const name = (f: string | null) => (f === null ? 'none' : `key ${f.slice(0, 12)}...`);
  if (before.signing !== now.signing) out.push(`the signing key differs: ${sides.before} ${name(before.signing)}, ${sides.now} ${name(now.signing)}`);
  if (before.personalData !== now.personalData)
    out.push(`the personal-data key differs: ${sides.before} ${name(before.personalData)}, ${sides.now} ${name(now.personalData)}`);
  return out;
}
