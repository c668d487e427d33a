/** Scheduling the connection manager and workers use; tests pass a manual one and fire it by hand. */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds since the epoch. */
  now(): number;
};

/** Node's timers. They keep the process alive on purpose: a standalone worker waiting to reconnect has nothing else to. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};
