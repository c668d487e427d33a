import type { Config } from "../config.js";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Clock } from "./clock.js";
import { createIdempotencyStore } from "./idempotency.js";
import { createMessageLog } from "./message-log.js";

const DAY_MS = 86_400_000;
// Idempotency rows only need to outlive a channel's redelivery (Telegram retries for ~24 h).
export const PROCESSED_MESSAGE_TTL_MS = 2 * DAY_MS;

export type PurgeResult = { messages: number; states: number; processed: number; outbox: number };

/**
 * Deletes message log rows, idle conversation states and finished outbox items (sent or finally
 * failed; they hold answer texts and phone numbers) past the retention period, and old idempotency rows.
 */
export async function purgeExpired(opts: { db: Db; now: Date; retentionDays: number }): Promise<PurgeResult> {
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * DAY_MS);
  const messages = await createMessageLog(opts.db).purgeBefore(cutoff);
  const { count: states } = await opts.db.conversationState.deleteMany({ where: { updatedAt: { lt: cutoff } } });
  const processed = await createIdempotencyStore(opts.db).purgeBefore(new Date(opts.now.getTime() - PROCESSED_MESSAGE_TTL_MS));
  const { count: outbox } = await opts.db.outbox.deleteMany({ where: { status: { in: ["sent", "failed"] }, updatedAt: { lt: cutoff } } });
  return { messages, states, processed, outbox };
}

export type PurgeJob = { runOnce(): Promise<PurgeResult>; stop(): Promise<void> };

/** Runs purgeExpired now and then every MESSAGE_PURGE_INTERVAL_MINUTES; stop() waits for a running purge. */
export function startPurgeJob(opts: {
  db: Db;
  config: Pick<Config, "MESSAGE_RETENTION_DAYS" | "MESSAGE_PURGE_INTERVAL_MINUTES">;
  log: Logger;
  clock: Clock;
  /** Tests pass false and call runOnce themselves. */
  schedule?: boolean;
}): PurgeJob {
  let running: Promise<PurgeResult> | null = null;
  let stopped = false;
  const runOnce = () => {
    running ??= purgeExpired({ db: opts.db, now: opts.clock.now(), retentionDays: opts.config.MESSAGE_RETENTION_DAYS })
      .then((result) => {
        if (result.messages + result.states + result.processed + result.outbox > 0) opts.log.info(result, "purged expired conversation data");
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    runOnce().catch((err) => opts.log.error({ err }, "message purge failed; will retry at the next interval"));
  };
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  if (opts.schedule !== false) {
    first = setTimeout(tick, 5_000);
    first.unref();
    timer = setInterval(tick, opts.config.MESSAGE_PURGE_INTERVAL_MINUTES * 60_000);
    timer.unref();
  }
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (first) clearTimeout(first);
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
