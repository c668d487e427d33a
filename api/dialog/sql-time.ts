// The dialog's hot path reads and writes with hand-written SQL (turn-open.ts, turn-commit.ts,
// idempotency.ts). Prisma stores DateTime in `timestamp(3)` columns as UTC; these helpers keep raw
// SQL doing the same, whatever the session's time zone.
import { Prisma } from "../db/prisma.js";

/** A Date as a SQL expression for a UTC `timestamp` column. */
export function utcTimestamp(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** Reads back a UTC `timestamp` column selected as epoch milliseconds (`extract(epoch …) * 1000` as float8). */
export function fromEpochMs(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
