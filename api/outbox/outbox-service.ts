// The outbox holds messages sent later than the user's own message (a librarian's answer, a
// reminder). Producers enqueue; the channel worker pulls a batch under a lease, sends, and acks or
// fails each item. An item whose worker died mid-send comes back when its lease runs out, so
// nothing is lost while a bot is down; attempts are counted at pull time, so a worker that keeps
// crashing on one item still ends in `failed` instead of retrying forever.
import type { Db, Prisma } from "../db/prisma.js";
import type { Channel } from "../dialog/reply.js";
import { OutboxItemNotFoundError, OutboxLeaseLostError, OutboxNotFailedError } from "./outbox-errors.js";
import type { LeasedOutboxItem, OutboxItem, OutboxPayload, OutboxStatus } from "./outbox-types.js";
import { retryDelayMs, type RetryBackoff } from "./retry-backoff.js";

export type OutboxServiceOptions = {
  db: Db;
  /** How long a pulled item belongs to the worker before another pull may take it. */
  leaseMs: number;
  /** After this many attempts a failure is final. */
  maxAttempts: number;
  retry: RetryBackoff;
  now?: () => Date;
  random?: () => number;
};

export type EnqueueInput = { channel: Channel; recipient: string; payload: OutboxPayload; dedupeKey?: string; notBefore?: Date };

export type PullInput = {
  channel: Channel;
  limit: number;
  /** Only this recipient's items, including held ones and ones waiting for a retry: the user just wrote. */
  recipient?: string;
};

export type OutboxService = {
  /** Stores an item; with a dedupeKey already stored, returns the stored item instead. */
  enqueue(input: EnqueueInput): Promise<OutboxItem>;
  /** Leases up to `limit` due items of a channel, oldest first. */
  pull(input: PullInput): Promise<LeasedOutboxItem[]>;
  /** Marks a leased item sent; acking a sent item again is a no-op. */
  ack(id: number, leaseId?: string): Promise<OutboxItem>;
  /** Records a send failure: retried later with backoff, or `failed` with the error when final. */
  fail(id: number, input: { error: string; final?: boolean; leaseId?: string }): Promise<OutboxItem>;
  /** Parks a leased item until its recipient writes again (then `pull` with `recipient` returns it). */
  hold(id: number, input: { reason: string; leaseId?: string }): Promise<OutboxItem>;
  get(id: number): Promise<OutboxItem>;
  /** Staff gives a `failed` item another full set of attempts, due now; any other status throws OutboxNotFailedError. */
  retry(id: number): Promise<OutboxItem>;
  /** Items for staff screens, newest first (e.g. every `failed` item with its error). */
  list(filter: { status?: OutboxStatus; channel?: Channel; limit?: number }): Promise<OutboxItem[]>;
};

type Row = Prisma.OutboxGetPayload<object>;

const ERROR_LIMIT = 2000;

function toItem(row: Row): OutboxItem {
  return {
    id: row.id,
    channel: row.channel as Channel,
    recipient: row.recipient,
    payload: row.payload as unknown as OutboxPayload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    leasedUntil: row.leasedUntil,
    leaseId: row.leaseId,
    sentAt: row.sentAt,
    error: row.error,
    dedupeKey: row.dedupeKey,
    createdAt: row.createdAt,
  };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/** Creates the outbox service over PostgreSQL. */
export function createOutboxService(opts: OutboxServiceOptions): OutboxService {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;

  const load = async (id: number): Promise<Row> => {
    const row = await db.outbox.findUnique({ where: { id } });
    if (!row) throw new OutboxItemNotFoundError(id);
    return row;
  };

  // Every transition out of a lease goes through here: the update only matches while the item is
  // still pending under the caller's lease, so a late worker can never undo another's result.
  const settle = async (id: number, leaseId: string | undefined, data: Prisma.OutboxUpdateManyMutationInput): Promise<OutboxItem | null> => {
    const where: Prisma.OutboxWhereInput = { id, status: "pending", leasedUntil: { not: null }, ...(leaseId ? { leaseId } : {}) };
    const { count } = await db.outbox.updateMany({ where, data: { ...data, leasedUntil: null } });
    return count === 1 ? toItem(await load(id)) : null;
  };

  return {
    async enqueue(input) {
      const data = {
        channel: input.channel,
        recipient: input.recipient,
        payload: input.payload as unknown as Prisma.InputJsonValue,
        nextAttemptAt: input.notBefore ?? now(),
        dedupeKey: input.dedupeKey ?? null,
      };
      try {
        return toItem(await db.outbox.create({ data }));
      } catch (err) {
        if (input.dedupeKey && isUniqueViolation(err)) {
          const existing = await db.outbox.findUnique({ where: { dedupeKey: input.dedupeKey } });
          if (existing) return toItem(existing);
        }
        throw err;
      }
    },

    async pull({ channel, limit, recipient }) {
      const at = now();
      const until = new Date(at.getTime() + opts.leaseMs);
      // SKIP LOCKED lets two workers pull at once without taking the same item. Times go in as
      // UTC text because Prisma keeps DateTime columns as UTC "timestamp without time zone".
      const due = recipient === undefined
        ? `o."status" = 'pending' AND o."nextAttemptAt" <= ($2::timestamptz AT TIME ZONE 'UTC')`
        : `o."recipient" = $5 AND o."status" IN ('pending', 'held')`;
      const sql = `
        UPDATE "Outbox" SET "status" = 'pending', "attempts" = "attempts" + 1, "leaseId" = gen_random_uuid()::text,
               "leasedUntil" = ($3::timestamptz AT TIME ZONE 'UTC'), "updatedAt" = ($2::timestamptz AT TIME ZONE 'UTC')
        WHERE "id" IN (
          SELECT o."id" FROM "Outbox" o
          WHERE o."channel" = $1 AND ${due}
            AND (o."leasedUntil" IS NULL OR o."leasedUntil" <= ($2::timestamptz AT TIME ZONE 'UTC'))
          ORDER BY o."createdAt", o."id"
          LIMIT $4
          FOR UPDATE SKIP LOCKED
        )
        RETURNING "id"`;
      const params: unknown[] = [channel, at.toISOString(), until.toISOString(), limit];
      if (recipient !== undefined) params.push(recipient);
      const leased = await db.$queryRawUnsafe<{ id: number }[]>(sql, ...params);
      if (leased.length === 0) return [];
      const rows = await db.outbox.findMany({ where: { id: { in: leased.map((r) => r.id) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map((r) => toItem(r) as LeasedOutboxItem);
    },

    async ack(id, leaseId) {
      const done = await settle(id, leaseId, { status: "sent", sentAt: now(), error: null });
      if (done) return done;
      const row = await load(id);
      if (row.status === "sent") return toItem(row);
      throw new OutboxLeaseLostError(id, row.status);
    },

    async fail(id, { error, final, leaseId }) {
      const row = await load(id);
      const message = error.slice(0, ERROR_LIMIT);
      const giveUp = final === true || row.attempts >= opts.maxAttempts;
      const data: Prisma.OutboxUpdateManyMutationInput = giveUp
        ? { status: "failed", error: message }
        : { error: message, nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts, opts.retry, random)) };
      const done = await settle(id, leaseId, data);
      if (done) return done;
      const current = await load(id);
      throw new OutboxLeaseLostError(id, current.status);
    },

    async hold(id, { reason, leaseId }) {
      // Waiting for the user is not a delivery attempt, so it does not count towards maxAttempts.
      const done = await settle(id, leaseId, { status: "held", error: reason.slice(0, ERROR_LIMIT), attempts: { decrement: 1 } });
      if (done) return done;
      const current = await load(id);
      throw new OutboxLeaseLostError(id, current.status);
    },

    async get(id) {
      return toItem(await load(id));
    },

    async retry(id) {
      // Only from failed, in one statement: a double click or two staff at once re-queue it once.
      const { count } = await db.outbox.updateMany({
        where: { id, status: "failed" },
        data: { status: "pending", attempts: 0, nextAttemptAt: now(), leasedUntil: null, leaseId: null, error: null },
      });
      const row = await load(id);
      if (count === 1) return toItem(row);
      throw new OutboxNotFailedError(id, row.status);
    },

    async list({ status, channel, limit }) {
      const rows = await db.outbox.findMany({
        where: { ...(status ? { status } : {}), ...(channel ? { channel } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.min(Math.max(limit ?? 50, 1), 500),
      });
      return rows.map(toItem);
    },
  };
}

/** The outbox service with the OUTBOX_* settings. */
export function createOutboxServiceFromConfig(
  db: Db,
  config: { OUTBOX_LEASE_SECONDS: number; OUTBOX_MAX_ATTEMPTS: number; OUTBOX_RETRY_BASE_SECONDS: number; OUTBOX_RETRY_MAX_SECONDS: number },
): OutboxService {
  return createOutboxService({
    db,
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    retry: { baseMs: config.OUTBOX_RETRY_BASE_SECONDS * 1000, maxMs: config.OUTBOX_RETRY_MAX_SECONDS * 1000 },
  });
}
