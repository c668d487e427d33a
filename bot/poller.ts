// The background loop the channel workers share: run one pass, wait the poll interval (or until
// woken), repeat. Passes never overlap, whether the loop or runNow() starts them, so a worker's
// drain never sends the same item twice at once.

export type Poller = {
  start(): void;
  /** Stops the loop; the pass in progress is finished first. */
  stop(): Promise<void>;
  /** Runs a pass now (after the one in progress); resolves with what the pass returned. */
  runNow(): Promise<number>;
};

/** Creates a poller; `onError` hears a failed pass of the loop (runNow() callers get the rejection). */
export function createPoller(deps: { pass: () => Promise<number>; pollMs: number; onError(err: unknown): void }): Poller {
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let current: Promise<number> = Promise.resolve(0);

  const runNow = () => {
    const next = current.then(deps.pass, deps.pass);
    current = next.catch(() => 0);
    return next;
  };

  const runLoop = async () => {
    while (running) {
      await runNow().catch(deps.onError);
      if (!running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => resolve(), deps.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await current;
      loop = null;
    },
    runNow,
  };
}
