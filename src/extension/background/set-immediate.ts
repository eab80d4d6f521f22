// ethers' keystore runs scrypt through scrypt-js, which works in slices of 125 steps and yields
// between them with `setImmediate`, or `setTimeout` when there is none. A service worker has
// none, and nested timeouts are clamped to 4 ms: at N = 2^17 that is ~2,100 yields, so unlocking
// the built-in account waited ~8 s for nothing. A MessageChannel message yields to the event
// loop the same way (other messages still run between slices) without the clamp.

type Scheduler = (callback: (...args: unknown[]) => void, ...args: unknown[]) => unknown;

/** Gives `scope` a `setImmediate` built on MessageChannel, unless it has one already. */
export function installSetImmediate(
  scope: { setImmediate?: unknown } = globalThis as { setImmediate?: unknown },
): void {
  if (typeof scope.setImmediate === 'function') return;
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  const setImmediate: Scheduler = (callback, ...args) => {
    queue.push(() => callback(...args));
    channel.port2.postMessage(null);
    return queue.length;
  };
  scope.setImmediate = setImmediate;
}
