/** The warnings said so far in this process: for each `code`, the keys it was said with. */
const said = new Map<string, Set<string>>();

/**
 * Emits a process warning (`process.emitWarning(message, { code })`) the first time this process
 * meets `code` with `key`, and nothing after. Why: a service or a simulation starts pools again and
 * again with the same flags and files, and the same condition said at every start buries every
 * other warning. `key` is what makes a warning a new one (a set of paths, a NODE_OPTIONS value);
 * `message` is built only when the warning is said.
 */
export function warnOnce(code: string, key: string, message: () => string): void {
  const keys = said.get(code) ?? new Set<string>();
  if (keys.has(key)) return;
  keys.add(key);
  said.set(code, keys);
  process.emitWarning(message(), { code });
}
