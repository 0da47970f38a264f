/**
 * Zones a decision must not notice: each moved its clocks at midnight on some dates (so a local
 * midnight can be missing), and they sit far apart around UTC, so a date read in local time lands
 * on another calendar day in some of them.
 */
export const UNUSUAL_TIME_ZONES = ['Asia/Shanghai', 'America/Sao_Paulo', 'Pacific/Kiritimati', 'America/St_Johns', 'Pacific/Pago_Pago'] as const;

/** Sets the process time zone (Node re-reads `process.env.TZ` when it is assigned); returns how to put it back. */
function switchTimeZone(zone: string): () => void {
  const had = Object.hasOwn(process.env, 'TZ');
  const before = process.env.TZ;
  process.env.TZ = zone;
  return () => {
    if (had) process.env.TZ = before as string;
    else delete process.env.TZ;
  };
}

/** Runs `work` with the process time zone set to `zone`, then puts the zone back, even when `work` throws. */
export function inTimeZone<T>(zone: string, work: () => T): T {
  const restore = switchTimeZone(zone);
  try {
    return work();
  } finally {
    restore();
  }
}

/**
 * {@link inTimeZone} for work that awaits: the zone stays set until it settles. Nothing else in the
 * process may read local time meanwhile, which holds inside a law's property.
 */
export async function inTimeZoneAsync<T>(zone: string, work: () => Promise<T>): Promise<T> {
  const restore = switchTimeZone(zone);
  try {
    return await work();
  } finally {
    restore();
  }
}
