/**
 * Where a parsed JSON value nests deeper than `maxDepth`: the path of the first object or array
 * below that depth (the root is depth 0), or undefined when none is.
 *
 * Why: V8 parses JSON nested far deeper than anything after it can take. Its serialiser (a queued
 * job, a worker message), `JSON.stringify` and every recursive walk overflow the stack a few
 * thousand levels down, and that RangeError ends a whole run, not one record. The walk here keeps
 * its own stack, so it answers for any depth.
 *
 * @example pathBeyondDepth({ a: [[1]] }, 1) // ['a', 0]
 */
export function pathBeyondDepth(value: unknown, maxDepth: number): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // One frame per open container on the way down: its keys (null for an array) and the next child.
  const frames: { readonly node: object; readonly keys: readonly string[] | null; next: number }[] = [];
  const open = (node: object) => frames.push({ node, keys: Array.isArray(node) ? null : Object.keys(node), next: 0 });
  open(value);
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as (typeof frames)[number];
    const length = top.keys === null ? (top.node as unknown[]).length : top.keys.length;
    if (top.next >= length) {
      frames.pop();
      continue;
    }
    const at = top.next++;
    const child = top.keys === null ? (top.node as unknown[])[at] : (top.node as Record<string, unknown>)[top.keys[at] as string];
    if (typeof child !== 'object' || child === null) continue;
    // The child sits at depth frames.length (its parent's depth + 1).
    if (frames.length > maxDepth) return frames.map((f) => (f.keys === null ? f.next - 1 : (f.keys[f.next - 1] as string)));
    open(child);
  }
  return undefined;
}
