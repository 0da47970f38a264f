/** The calls waiting on one signal, and the one listener that tells them all. */
interface SignalWatch {
  readonly callbacks: Set<() => void>;
  readonly fire: () => void;
}

// Weak: a signal no call waits on any more is the caller's alone to collect.
const watches = new WeakMap<AbortSignal, SignalWatch>();

/**
 * Calls `onAbort` once when `signal` aborts, until the returned function stops the watch. Every
 * watch of one signal shares a single `abort` listener on it: a service passes one shutdown signal
 * to every call, and a listener per call made Node print MaxListenersExceededWarning (a leak that
 * was not one) as soon as 11 pool calls were in flight on it. The listener is removed with the
 * last watch, so a signal that outlives the calls keeps none.
 */
export function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let watch = watches.get(signal);
  if (watch === undefined) {
    const callbacks = new Set<() => void>();
    const fire = () => {
      watches.delete(signal);
      // A copy: a callback that settles its call stops its own watch while the loop runs.
      for (const callback of [...callbacks]) callback();
      callbacks.clear();
    };
    watch = { callbacks, fire };
    watches.set(signal, watch);
    signal.addEventListener('abort', fire, { once: true });
  }
  const { callbacks, fire } = watch;
  // Each watch its own entry, even for the same function passed twice.
  const entry = () => onAbort();
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0) return;
    signal.removeEventListener('abort', fire);
    if (watches.get(signal)?.callbacks === callbacks) watches.delete(signal);
  };
}
