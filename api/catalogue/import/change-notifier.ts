import type { Logger } from "../../logger.js";
import type { RecordsChanged } from "../types.js";

/** Ids waiting beyond this make the import wait for the listener (it is behind by many batches). */
const MAX_PENDING = 20_000;

export type ChangeNotifier = {
  /** Queues committed record ids; resolves at once unless the listener is far behind. */
  add(ids: number[]): Promise<void>;
  /** Waits until every queued id has been handed to the listener; `onStep` after each call. */
  drain(onStep?: () => void): Promise<void>;
  /** Ids queued or in the call that runs now. */
  backlog(): number;
  failures(): number;
};

/**
 * Hands committed record ids to onRecordsChanged without holding up the import: one call at a
 * time, in commit order, and ids that arrive while a call runs are sent together in the next one,
 * so a slow listener (a search index waiting for its tasks) gets fewer, bigger updates.
 */
export function createChangeNotifier(listener: RecordsChanged | undefined, log: Logger): ChangeNotifier {
  let pending: number[] = [];
  let running: Promise<void> | null = null;
  let failed = 0;
  let inCall = 0;
  let afterCall: (() => void) | undefined;

  const run = async () => {
    while (pending.length) {
      const ids = pending;
      pending = [];
      inCall = ids.length;
      try {
        await listener!(ids);
      } catch (err) {
        // The records are committed; the search index catches up at its next sync or reindex.
        failed += 1;
        log.warn({ err, records: ids.length }, "catalogue import: onRecordsChanged failed");
      }
      inCall = 0;
      afterCall?.();
    }
    running = null;
  };

  return {
    async add(ids) {
      if (!listener || ids.length === 0) return;
      pending.push(...ids);
      running ??= run();
      if (pending.length > MAX_PENDING) await running;
    },
    async drain(onStep) {
      afterCall = onStep;
      while (running) await running;
      afterCall = undefined;
    },
    backlog: () => pending.length + inCall,
    failures: () => failed,
  };
}
