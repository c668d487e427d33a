// The reports page's figures from real PostgreSQL: tickets and searches with known timestamps in
// Asia/Makassar (UTC+8), so day buckets, the median, breaches and list order can be checked by hand.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportTable, tableToCsv } from "../../api/inbox/report-csv.js";
import { resolveReportRange } from "../../api/inbox/report-range.js";
import { foldStopWords } from "../../api/inbox/report-topics.js";
import { createReportService, type ReportService } from "../../api/inbox/reports.js";
import { loadVocabulary } from "../../search/vocabulary.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let tdb: TestDatabase;
let reports: ReportService;
const NOW = new Date("2025-11-03T04:00:00.000Z"); // 12:00 in Makassar on 3 November
const range = resolveReportRange({ from: "2025-11-01", to: "2025-11-03", tz: "Asia/Makassar" }, NOW);
const at = (iso: string) => new Date(iso);
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

type Seed = { id: number; created: string; status?: "open" | "claimed" | "answered" | "closed" | "cancelled"; firstResponseMin?: number; dueMin?: number; closed?: string; rating?: number; ratedAt?: string; question?: string };

// Ticket ids match the comments below; every ticket is due 120 minutes after creation unless said.
const tickets: Seed[] = [
  // 1 November in Makassar (00:30 local is still 31 October in UTC).
  { id: 1, created: "2025-10-31T16:30:00Z", status: "answered", firstResponseMin: 10 },
  { id: 2, created: "2025-11-01T02:00:00Z", status: "answered", firstResponseMin: 30, rating: 5, ratedAt: "2025-11-01T03:00:00Z" },
  { id: 10, created: "2025-11-01T05:00:00Z", status: "closed", firstResponseMin: 60, closed: "2025-11-01T07:00:00Z", rating: 4, ratedAt: "2025-11-01T07:00:00Z" },
  // Closed two hours after it was due without an answer: a breach.
  { id: 11, created: "2025-11-01T08:00:00Z", status: "closed", closed: "2025-11-01T12:00:00Z" },
  // 2 November: answered two hours late, one still waiting long past due, one withdrawn (never a breach).
  { id: 3, created: "2025-11-02T01:00:00Z", status: "answered", firstResponseMin: 240, rating: 2, ratedAt: "2025-11-02T06:00:00Z" },
  { id: 4, created: "2025-11-02T03:00:00Z", status: "open", question: "Apakah ada buku tentang budidaya kambing etawa?" },
  { id: 6, created: "2025-11-02T06:00:00Z", status: "cancelled", question: "budidaya sapi" },
  // 3 November: waiting but not yet due; the last minute of the day in Makassar.
  { id: 5, created: "2025-11-03T02:00:00Z", status: "open", question: "Cara budidaya lele di kolam terpal" },
  { id: 7, created: "2025-11-03T15:59:00Z", status: "claimed", question: "jadwal kelas budidaya jamur", dueMin: 600 },
  // Outside the range: 4 November 00:00 local, and 31 October 23:59 local.
  { id: 8, created: "2025-11-03T16:00:00Z", status: "open", question: "kambing kambing kambing" },
  { id: 9, created: "2025-10-31T15:59:00Z", status: "answered", firstResponseMin: 1, rating: 1, ratedAt: "2025-10-31T15:59:30Z" },
];

const searches: [query: string, hits: number, created: string][] = [
  ["Laskar Pelangi", 3, "2025-11-01T01:00:00Z"],
  ["laskar  pelangi", 3, "2025-11-02T01:00:00Z"],
  ["LASKAR PELANGI ", 3, "2025-11-03T01:00:00Z"],
  ["kambing etawa", 0, "2025-11-01T09:00:00Z"],
  ["Kambing Etawa", 0, "2025-11-02T10:00:00Z"],
  ["budidaya lele", 0, "2025-11-01T02:00:00Z"],
  ["budidaya lele", 0, "2025-11-01T03:00:00Z"],
  ['=HYPERLINK("http://evil.example")', 0, "2025-11-03T03:00:00Z"],
  ["resep rendang", 0, "2025-11-01T04:00:00Z"],
  ["  ", 0, "2025-11-01T04:00:00Z"],
  // 4 November in Makassar: outside.
  ["kamus bahasa jawa", 0, "2025-11-03T16:00:00Z"],
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const patron = await tdb.db.patron.create({ data: { channel: "telegram", channelUserId: "777000111" } });
  for (const t of tickets) {
    const createdAt = at(t.created);
    await tdb.db.ticket.create({
      data: {
        id: t.id,
        patronId: patron.id,
        channel: "telegram",
        recipient: "777000111",
        branchCode: "kupang",
        question: t.question ?? `pertanyaan ${t.id}`,
        status: t.status ?? "open",
        createdAt,
        dueAt: minutes(createdAt, t.dueMin ?? 120),
        firstResponseAt: t.firstResponseMin === undefined ? null : minutes(createdAt, t.firstResponseMin),
        closedAt: t.closed ? at(t.closed) : null,
        rating: t.rating ?? null,
        ratedAt: t.ratedAt ? at(t.ratedAt) : null,
      },
    });
  }
  await tdb.db.searchLog.createMany({ data: searches.map(([query, hits, created]) => ({ query, hits, latencyMs: 5, createdAt: at(created) })) });
  await tdb.db.purchaseSuggestion.createMany({
    data: [
      { patronId: patron.id, query: "Kambing Etawa", channel: "telegram", createdAt: at("2025-11-02T10:00:01Z") },
      { patronId: patron.id, query: "kambing etawa", channel: "telegram", createdAt: at("2025-11-02T11:00:00Z") },
      { patronId: patron.id, query: "resep rendang", channel: "telegram", createdAt: at("2025-11-01T04:00:01Z") },
      { patronId: patron.id, query: "kamus bahasa jawa", channel: "telegram", createdAt: at("2025-11-03T16:00:01Z") },
    ],
  });
  reports = createReportService({ db: tdb.db, stopWords: foldStopWords(loadVocabulary().stopWords), now: () => NOW });
});
afterAll(async () => {
  await tdb.drop();
});

describe("a librarian reads the inbox report for 1–3 November (Makassar time)", () => {
  it("counts tickets created and first answered per local day, empty days included", async () => {
    expect(await reports.ticketsPerDay(range)).toEqual([
      // Ticket 9 (31 October) was answered at 00:00 on 1 November: answers count on their own day.
      { day: "2025-11-01", created: 4, answered: 4 },
      { day: "2025-11-02", created: 3, answered: 1 },
      { day: "2025-11-03", created: 2, answered: 0 },
    ]);
    const wider = resolveReportRange({ from: "2025-10-30", to: "2025-11-04", tz: "Asia/Makassar" }, NOW);
    const days = await reports.ticketsPerDay(wider);
    expect(days.map((d) => d.day)).toEqual(["2025-10-30", "2025-10-31", "2025-11-01", "2025-11-02", "2025-11-03", "2025-11-04"]);
    expect(days[0]).toEqual({ day: "2025-10-30", created: 0, answered: 0 });
    expect(days[1]).toEqual({ day: "2025-10-31", created: 1, answered: 0 });
    expect(days[5]).toEqual({ day: "2025-11-04", created: 1, answered: 0 });
  });

  it("puts a ticket on a different day when the report is read in UTC", async () => {
    const utc = await reports.ticketsPerDay({ ...range, timeZone: "UTC" });
    // Ticket 1 (00:30 on 1 November in Makassar) was created on 31 October in UTC.
    expect(utc.map((d) => d.created)).toEqual([3, 3, 3]);
  });

  it("gives the median first-response time of the tickets created in the range, interpolated", async () => {
    // 10, 30, 60 and 240 minutes: the median lies between 30 and 60.
    const f = await reports.firstResponse(range);
    expect(f.answered).toBe(4);
    expect(f.medianSeconds).toBe(45 * 60);
    expect(f.p90Seconds).toBeCloseTo((60 + 0.7 * 180) * 60, 6);
  });

  it("counts answers after the due time and tickets left waiting past it, but not withdrawn or not-yet-due ones", async () => {
    const b = await reports.slaBreaches(range);
    expect(b).toMatchObject({ tickets: 8, answeredLate: 1, unansweredLate: 2 });
    expect(b.rows.map((r) => [r.ticketId, r.lateSeconds])).toEqual([
      [11, 2 * 3600],
      [3, 2 * 3600],
      [4, 23 * 3600], // due 05:00 on 2 November UTC, still waiting at 04:00 on 3 November
    ]);
    expect(b.rows[1]).toMatchObject({ branchCode: "kupang", channel: "telegram", status: "answered", dueAt: at("2025-11-02T03:00:00Z"), firstResponseAt: at("2025-11-02T05:00:00Z") });
    expect(b.rows[2]!.firstResponseAt).toBeNull();
  });

  it("averages the ratings given in the range", async () => {
    expect(await reports.ratings(range)).toEqual({ count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] });
  });

  it("groups the waiting questions by keyword, without stop words", async () => {
    const topics = await reports.unansweredTopics(range);
    expect(topics[0]).toEqual({ keyword: "budidaya", tickets: 3, ticketIds: [4, 5, 7], example: "Apakah ada buku tentang budidaya kambing etawa?" });
    const words = topics.map((t) => t.keyword);
    expect(words).toContain("kambing");
    expect(topics.find((t) => t.keyword === "kambing")!.tickets).toBe(1); // ticket 8 is outside the range
    for (const stop of ["apakah", "ada", "buku", "tentang", "di"]) expect(words).not.toContain(stop);
    expect(words).not.toContain("sapi"); // the withdrawn ticket
  });

  it("lists zero-result searches most searched first, then most recent, spelling variants together", async () => {
    const rows = await reports.zeroResultSearches(range);
    expect(rows.map((r) => [r.query, r.searches])).toEqual([
      ["kambing etawa", 2],
      ["budidaya lele", 2],
      ['=hyperlink("http://evil.example")', 1],
      ["resep rendang", 1],
    ]);
    expect(rows[0]!.lastAt).toEqual(at("2025-11-02T10:00:00Z"));
  });

  it("lists the top queries with how many of their searches found nothing", async () => {
    const rows = await reports.topQueries(range);
    expect(rows.slice(0, 3).map((r) => [r.query, r.searches, r.zeroHits])).toEqual([
      ["laskar pelangi", 3, 0],
      ["budidaya lele", 2, 2],
      ["kambing etawa", 2, 2],
    ]);
  });

  it("counts purchase suggestions in the range and groups them by title", async () => {
    const p = await reports.purchaseSuggestions(range);
    expect(p.count).toBe(3);
    expect(p.rows.map((r) => [r.query, r.suggestions])).toEqual([
      ["kambing etawa", 2],
      ["resep rendang", 1],
    ]);
  });

  it("builds the whole page in one call", async () => {
    const all = await reports.all(range);
    expect(all.range).toEqual(range);
    expect(all.ticketsPerDay).toHaveLength(3);
    expect(all.purchaseSuggestions.count).toBe(3);
  });
});

describe("a librarian downloads a report table as CSV", () => {
  it("parses back to the same rows, with the formula-looking query neutralised", async () => {
    const csv = tableToCsv(await reportTable(reports, "zero-result-searches", range));
    expect(csv.startsWith("\ufeff")).toBe(true);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual(["query", "searches", "zero_hit_searches", "last_searched_at"]);
    expect(rows[1]).toEqual(["kambing etawa", "2", "2", "2025-11-02T10:00:00.000Z"]);
    expect(rows[3]![0]).toBe(`'=hyperlink("http://evil.example")`);
  });

  it("exports the breaches and the per-day counts", async () => {
    const breaches = parse(tableToCsv(await reportTable(reports, "sla-breaches", range)), { bom: true }) as string[][];
    expect(breaches.slice(1).map((r) => r[0])).toEqual(["11", "3", "4"]);
    expect(breaches[3]![6]).toBe(""); // no first response
    const days = parse(tableToCsv(await reportTable(reports, "tickets-per-day", range)), { bom: true }) as string[][];
    expect(days).toEqual([
      ["day", "created", "answered"],
      ["2025-11-01", "4", "4"],
      ["2025-11-02", "3", "1"],
      ["2025-11-03", "2", "0"],
    ]);
    const first = parse(tableToCsv(await reportTable(reports, "first-response", range)), { bom: true }) as string[][];
    expect(first[1]).toEqual(["4", "2700", "11160"]);
  });

  it("neutralises every cell a spreadsheet would run as a formula, but keeps negative numbers", () => {
    const csv = tableToCsv({ name: "top-queries", columns: ["a", "b", "c", "d", "e"], rows: [["=1+1", "+62 812", "-2+3", "@SUM(A1)", -5], ["budi", "\tx", "ok", "", null]] });
    const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
    expect(rows[1]).toEqual(["'=1+1", "'+62 812", "'-2+3", "'@SUM(A1)", "-5"]);
    expect(rows[2]).toEqual(["budi", "'\tx", "ok", "", ""]);
  });
});
