// Figures for the reports page: how the inbox is doing (tickets per day, first-response time, SLA
// breaches, ratings, what is waiting) and what residents look for but do not find (SearchLog,
// purchase suggestions) as a collection-development signal. Pure data, no HTML: the dashboard
// renders it and report-csv.ts exports it.
//
// Prisma keeps DateTime columns as UTC "timestamp without time zone"; day buckets therefore go
// column -> UTC -> the report's zone, and range bounds are the zone's local midnights in UTC.
import { Prisma, type Db } from "../db/prisma.js";
import type { ReportRange } from "./report-range.js";
import { topUnansweredTopics, type TopicRow } from "./report-topics.js";

export type DayRow = { day: string; created: number; answered: number };

export type FirstResponse = {
  /** Tickets created in the range that got a first answer. */
  answered: number;
  /** Median of firstResponseAt - createdAt over those tickets; null when none. */
  medianSeconds: number | null;
  p90Seconds: number | null;
};

export type BreachRow = {
  ticketId: number;
  branchCode: string;
  channel: string;
  status: string;
  createdAt: Date;
  dueAt: Date;
  firstResponseAt: Date | null;
  /** How long past dueAt the first answer came (or, unanswered, until it was closed or now). */
  lateSeconds: number;
};

export type SlaBreaches = {
  /** Tickets created in the range, withdrawn ones excluded. */
  tickets: number;
  answeredLate: number;
  unansweredLate: number;
  /** The breaching tickets, oldest first (at most `limit`). */
  rows: BreachRow[];
};

export type Ratings = { count: number; average: number | null; /** index 0 = one star … 4 = five stars */ distribution: number[] };

export type QueryRow = {
  /** Lowercased with spaces collapsed, so "Laskar  Pelangi" and "laskar pelangi" count together. */
  query: string;
  searches: number;
  /** Of those, searches that found nothing. */
  zeroHits: number;
  lastAt: Date;
};

export type PurchaseSuggestionRow = { query: string; suggestions: number; lastAt: Date };

export type PurchaseSuggestions = { count: number; rows: PurchaseSuggestionRow[] };

/** Everything on the reports page for one range. */
export type InboxReport = {
  range: ReportRange;
  ticketsPerDay: DayRow[];
  firstResponse: FirstResponse;
  slaBreaches: SlaBreaches;
  ratings: Ratings;
  unansweredTopics: TopicRow[];
  zeroResultSearches: QueryRow[];
  topQueries: QueryRow[];
  purchaseSuggestions: PurchaseSuggestions;
};

export type ReportService = {
  ticketsPerDay(range: ReportRange): Promise<DayRow[]>;
  firstResponse(range: ReportRange): Promise<FirstResponse>;
  slaBreaches(range: ReportRange): Promise<SlaBreaches>;
  ratings(range: ReportRange): Promise<Ratings>;
  unansweredTopics(range: ReportRange): Promise<TopicRow[]>;
  /** Queries that found nothing, most searched first, then most recent. */
  zeroResultSearches(range: ReportRange): Promise<QueryRow[]>;
  /** Most searched queries, with how many of their searches found nothing. */
  topQueries(range: ReportRange): Promise<QueryRow[]>;
  purchaseSuggestions(range: ReportRange): Promise<PurchaseSuggestions>;
  /** The whole page. */
  all(range: ReportRange): Promise<InboxReport>;
};

export type ReportServiceOptions = {
  db: Db;
  /** Search stop words (search/vocabulary, folded with foldStopWords) left out of topic keywords. */
  stopWords: ReadonlySet<string>;
  now?: () => Date;
  /** Rows per list (queries, topics, breaches); default 50. */
  limit?: number;
};

/** Questions read for the topic grouping; beyond this the oldest waiting ones are enough of a sample. */
const TOPIC_SAMPLE = 5000;

/** Creates the report queries over PostgreSQL. */
export function createReportService(opts: ReportServiceOptions): ReportService {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const limit = opts.limit ?? 50;

  // Local midnight of `from` and of the day after `to`, as UTC timestamps comparable with the columns.
  const start = (r: ReportRange) => Prisma.sql`((${r.from}::date)::timestamp AT TIME ZONE ${r.timeZone}) AT TIME ZONE 'UTC'`;
  const end = (r: ReportRange) => Prisma.sql`(((${r.to}::date + 1))::timestamp AT TIME ZONE ${r.timeZone}) AT TIME ZONE 'UTC'`;
  const inRange = (column: Prisma.Sql, r: ReportRange) => Prisma.sql`${column} >= ${start(r)} AND ${column} < ${end(r)}`;
  const localDay = (column: Prisma.Sql, r: ReportRange) => Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${r.timeZone})::date`;
  const utcNow = () => Prisma.sql`(${now().toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  // The same query typed with different spacing or case is one query.
  const normalizedQuery = Prisma.sql`regexp_replace(lower(btrim("query")), '\\s+', ' ', 'g')`;

  const service: ReportService = {
    async ticketsPerDay(r) {
      const created = Prisma.sql`t."createdAt"`;
      const answered = Prisma.sql`t."firstResponseAt"`;
      return db.$queryRaw<DayRow[]>`
        WITH days AS (SELECT d::date AS day FROM generate_series(${r.from}::date, ${r.to}::date, interval '1 day') AS d),
        c AS (SELECT ${localDay(created, r)} AS day, count(*)::int AS n FROM "Ticket" t WHERE ${inRange(created, r)} GROUP BY 1),
        a AS (SELECT ${localDay(answered, r)} AS day, count(*)::int AS n FROM "Ticket" t WHERE ${inRange(answered, r)} GROUP BY 1)
        SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(c.n, 0) AS created, coalesce(a.n, 0) AS answered
        FROM days LEFT JOIN c ON c.day = days.day LEFT JOIN a ON a.day = days.day
        ORDER BY days.day`;
    },

    async firstResponse(r) {
      const [row] = await db.$queryRaw<{ answered: number; median: number | null; p90: number | null }[]>`
        SELECT count(*)::int AS answered,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "firstResponseAt" - "createdAt"))::float8 AS median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "firstResponseAt" - "createdAt"))::float8 AS p90
        FROM "Ticket" WHERE "firstResponseAt" IS NOT NULL AND ${inRange(Prisma.sql`"createdAt"`, r)}`;
      return { answered: row?.answered ?? 0, medianSeconds: row?.median ?? null, p90Seconds: row?.p90 ?? null };
    },

    async slaBreaches(r) {
      // Late = answered after dueAt, or no answer while dueAt passed and the ticket was still
      // waiting (until it was closed unanswered, or until now). Withdrawn tickets never count.
      const waitedUntil = Prisma.sql`coalesce("firstResponseAt", "closedAt", ${utcNow()})`;
      const base = Prisma.sql`FROM "Ticket" WHERE "status" <> 'cancelled' AND ${inRange(Prisma.sql`"createdAt"`, r)}`;
      const [counts] = await db.$queryRaw<{ tickets: number; answered_late: number; unanswered_late: number }[]>`
        SELECT count(*)::int AS tickets,
               count(*) FILTER (WHERE "firstResponseAt" > "dueAt")::int AS answered_late,
               count(*) FILTER (WHERE "firstResponseAt" IS NULL AND ${waitedUntil} > "dueAt")::int AS unanswered_late
        ${base}`;
      const rows = await db.$queryRaw<(Omit<BreachRow, "lateSeconds"> & { lateSeconds: number })[]>`
        SELECT "id" AS "ticketId", "branchCode", "channel", "status"::text AS "status",
               "createdAt" AT TIME ZONE 'UTC' AS "createdAt", "dueAt" AT TIME ZONE 'UTC' AS "dueAt",
               "firstResponseAt" AT TIME ZONE 'UTC' AS "firstResponseAt",
               extract(epoch FROM ${waitedUntil} - "dueAt")::float8 AS "lateSeconds"
        ${base} AND ${waitedUntil} > "dueAt"
        ORDER BY "createdAt", "id" LIMIT ${limit}`;
      return { tickets: counts?.tickets ?? 0, answeredLate: counts?.answered_late ?? 0, unansweredLate: counts?.unanswered_late ?? 0, rows };
    },

    async ratings(r) {
      // A rating belongs to the day it was given; older rows without ratedAt fall back to creation.
      const rows = await db.$queryRaw<{ rating: number; n: number }[]>`
        SELECT "rating", count(*)::int AS n FROM "Ticket"
        WHERE "rating" BETWEEN 1 AND 5 AND ${inRange(Prisma.sql`coalesce("ratedAt", "createdAt")`, r)}
        GROUP BY "rating"`;
      const distribution = [0, 0, 0, 0, 0];
      let count = 0;
      let sum = 0;
      for (const row of rows) {
        distribution[row.rating - 1] = row.n;
        count += row.n;
        sum += row.rating * row.n;
      }
      return { count, average: count === 0 ? null : Math.round((sum / count) * 100) / 100, distribution };
    },

    async unansweredTopics(r) {
      const rows = await db.$queryRaw<{ id: number; question: string }[]>`
        SELECT "id", "question" FROM "Ticket"
        WHERE "status" IN ('open', 'claimed') AND ${inRange(Prisma.sql`"createdAt"`, r)}
        ORDER BY "createdAt", "id" LIMIT ${TOPIC_SAMPLE}`;
      return topUnansweredTopics(rows, opts.stopWords, limit);
    },

    async zeroResultSearches(r) {
      return queryRows(r, Prisma.sql`AND "hits" = 0`, Prisma.sql`searches DESC, "lastAt" DESC, query ASC`);
    },

    async topQueries(r) {
      return queryRows(r, Prisma.empty, Prisma.sql`searches DESC, query ASC`);
    },

    async purchaseSuggestions(r) {
      const created = inRange(Prisma.sql`"createdAt"`, r);
      const [total] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "PurchaseSuggestion" WHERE ${created}`;
      const rows = await db.$queryRaw<PurchaseSuggestionRow[]>`
        SELECT ${normalizedQuery} AS query, count(*)::int AS suggestions, max("createdAt") AT TIME ZONE 'UTC' AS "lastAt"
        FROM "PurchaseSuggestion" WHERE ${created} AND btrim("query") <> ''
        GROUP BY 1 ORDER BY suggestions DESC, "lastAt" DESC, query ASC LIMIT ${limit}`;
      return { count: total?.n ?? 0, rows };
    },

    async all(r) {
      // One after another: a report page is rare and the pool is shared with the chat.
      return {
        range: r,
        ticketsPerDay: await service.ticketsPerDay(r),
        firstResponse: await service.firstResponse(r),
        slaBreaches: await service.slaBreaches(r),
        ratings: await service.ratings(r),
        unansweredTopics: await service.unansweredTopics(r),
        zeroResultSearches: await service.zeroResultSearches(r),
        topQueries: await service.topQueries(r),
        purchaseSuggestions: await service.purchaseSuggestions(r),
      };
    },
  };

  function queryRows(r: ReportRange, where: Prisma.Sql, order: Prisma.Sql): Promise<QueryRow[]> {
    return db.$queryRaw<QueryRow[]>`
      SELECT ${normalizedQuery} AS query, count(*)::int AS searches, count(*) FILTER (WHERE "hits" = 0)::int AS "zeroHits",
             max("createdAt") AT TIME ZONE 'UTC' AS "lastAt"
      FROM "SearchLog" WHERE ${inRange(Prisma.sql`"createdAt"`, r)} AND btrim("query") <> '' ${where}
      GROUP BY 1 ORDER BY ${order} LIMIT ${limit}`;
  }

  return service;
}
