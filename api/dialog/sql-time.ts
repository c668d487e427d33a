// The dialog's hot path writes with hand-written SQL (see patron-store.ts, turn-commit.ts). Prisma
// stores DateTime in `timestamp(3)` columns as UTC; these helpers keep raw SQL doing the same,
// whatever the session's time zone.
import { Prisma } from "../db/prisma.js";

/** A Date as a SQL expression for a UTC `timestamp` column. */
export function utcTimestamp(at: Date | null | undefined): Prisma.Sql {
  return at ? Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')` : Prisma.sql`NULL::timestamp`;
}

/** Reads back a UTC `timestamp` column selected as epoch milliseconds (`epochMs` in SQL). */
export function fromEpochMs(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** SQL selecting a `timestamp` column as epoch milliseconds (a float8, which the driver returns as a number). */
export function epochMs(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;
}
