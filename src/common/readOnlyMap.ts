/**
 * A Map that refuses every change once built: `set`, `delete` and `clear` throw a TypeError naming
 * the map and what to do instead. For maps creditlift shares between scorers (the default
 * catalog, a feature set's index): typed `ReadonlyMap`, but JavaScript (or a cast) could otherwise
 * edit a live Map under every scorer in the process. Still a Map (`instanceof Map`, iteration,
 * `new Map(it)` copies), and reads are Map's own, so lookups on the hot path cost what they did.
 */
export class ReadOnlyMap<K, V> extends Map<K, V> {
  readonly #refusal: string;

  /**
   * @param entries the entries, copied in
   * @param refusal the message a mutation throws (what the map is, and how to get a changed one)
   */
  constructor(entries: Iterable<readonly [K, V]>, refusal: string) {
    // Filled through Map's own set: this class's set refuses from the start.
    super();
    for (const [k, v] of entries) super.set(k, v);
    this.#refusal = refusal;
    Object.freeze(this);
  }

  /** @throws TypeError always: the map is read-only */
  override set(_key: K, _value: V): this {
    throw new TypeError(this.#refusal);
  }

  /** @throws TypeError always: the map is read-only */
  override delete(_key: K): boolean {
    throw new TypeError(this.#refusal);
  }

  /** @throws TypeError always: the map is read-only */
  override clear(): void {
    throw new TypeError(this.#refusal);
  }
}
