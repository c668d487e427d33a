// The outbox as the outbox tests drive it: real PostgreSQL, a clock the test moves, no jitter, and
// the real app serving the worker API to a bearer of the test's service token.
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import type { Db } from "../../api/db/prisma.js";
import { createOutboxService, type OutboxService, type OutboxServiceOptions } from "../../api/outbox/outbox-service.js";
import { createSearchBackend } from "../../search/search-client.js";
import { memoryLogger } from "./silent-logger.js";

/** An outbox with a one-minute lease, retries from 30 s (the middle of the jitter), on the test's clock. */
export function testOutbox(db: Db, now: () => Date, opts: Partial<Pick<OutboxServiceOptions, "maxAttempts" | "retry">> = {}): OutboxService {
  return createOutboxService({ db, leaseMs: 60_000, maxAttempts: 3, retry: { baseMs: 30_000, maxMs: 3_600_000 }, ...opts, now, random: () => 0.5 });
}

/** The real app (no search) whose outbox API answers a bearer of `token`. */
export function outboxApp(db: Db, outbox: OutboxService, token: string): ReturnType<typeof createApp> {
  return createApp({ db, search: createSearchBackend({}), config: loadConfig({ SERVICE_TOKEN: token }), log: memoryLogger(), outbox });
}
