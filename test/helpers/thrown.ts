/** What `f` throws, or undefined when it returns: for a test that asserts on the error itself. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
