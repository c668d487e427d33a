// Decides per search whether to ask Meilisearch. After one failure every search goes straight to
// the fallback (no resident waits for a timeout twice), while a background probe, at most every
// `probeEveryMs`, finds out when Meilisearch is back. Each outage is logged once, at its start and end.
import type { Logger } from "../api/logger.js";

export type OutageGuard = {
  /** True when searches should go to Meilisearch now; while down, may start a background probe. */
  useMeili(): boolean;
  /** Reports that Meilisearch could not answer. */
  failed(err: unknown): void;
  /** Resolves when a running probe (if any) has finished; for tests. */
  settled(): Promise<void>;
};

/** An outage tracker whose `probe` must resolve only when Meilisearch can serve searches again. */
export function createOutageGuard(opts: {
  log: Logger;
  probe: () => Promise<void>;
  probeEveryMs: number;
  startDown?: boolean;
  now?: () => number;
}): OutageGuard {
  const now = opts.now ?? Date.now;
  let down = opts.startDown ?? false;
  let downSince = down ? now() : 0;
  let lastProbe = down ? now() : 0;
  let probing: Promise<void> | null = null;

  return {
    useMeili() {
      if (!down) return true;
      if (!probing && now() - lastProbe >= opts.probeEveryMs) {
        lastProbe = now();
        probing = opts
          .probe()
          .then(() => {
            down = false;
            opts.log.info({ outageMs: now() - downSince }, "Meilisearch is back; searches use it again");
          })
          .catch((err: unknown) => {
            opts.log.debug({ err: String(err) }, "Meilisearch still unavailable");
          })
          .finally(() => {
            probing = null;
          });
      }
      return false;
    },
    failed(err) {
      if (down) return;
      down = true;
      downSince = now();
      lastProbe = now();
      opts.log.warn({ err: String(err) }, "Meilisearch unavailable; answering searches from PostgreSQL until it is back");
    },
    settled() {
      return probing ?? Promise.resolve();
    },
  };
}
