import { describe, expect, it } from "vitest";
import { ValidationError } from "../../api/errors.js";
import { rangeDays, resolveReportRange } from "../../api/inbox/report-range.js";
import { foldStopWords, questionKeywords, topUnansweredTopics } from "../../api/inbox/report-topics.js";

describe("the reports page's date range", () => {
  it("defaults to the last 30 days up to today in Makassar, even when UTC is still yesterday", () => {
    // 16:30 UTC on 3 November is 00:30 on 4 November in Makassar.
    const r = resolveReportRange({}, new Date("2025-11-03T16:30:00Z"));
    expect(r).toEqual({ from: "2025-10-06", to: "2025-11-04", timeZone: "Asia/Makassar" });
    expect(rangeDays(r)).toBe(30);
  });

  it("takes a start date alone as the 30 days from it, and another time zone", () => {
    expect(resolveReportRange({ from: "2024-02-15", tz: "Asia/Jakarta" }, new Date())).toEqual({ from: "2024-02-15", to: "2024-03-15", timeZone: "Asia/Jakarta" });
  });

  it("refuses impossible dates, unknown zones, reversed and over-long ranges", () => {
    const bad = (input: { from?: string; to?: string; tz?: string }) => () => resolveReportRange(input, new Date("2025-11-03T00:00:00Z"));
    expect(bad({ from: "2025-02-30" })).toThrow(ValidationError);
    expect(bad({ to: "03/11/2025" })).toThrow(/to: must be a date/);
    expect(bad({ tz: "Mars/Olympus" })).toThrow(/unknown time zone/);
    expect(bad({ tz: "'; drop table x; --" })).toThrow(/unknown time zone/);
    expect(bad({ from: "2025-11-05", to: "2025-11-01" })).toThrow(/after to/);
    expect(bad({ from: "2024-01-01", to: "2025-11-01" })).toThrow(/at most 366 days/);
  });
});

describe("top unanswered topics", () => {
  const stop = foldStopWords(["ada", "buku", "tentang", "yang", "Apakah"]);

  it("keeps a question's content words once each, without stop words, short words or numbers", () => {
    expect(questionKeywords("Apakah ada buku tentang Kambing kambing etawa 2024 di NTT?", stop)).toEqual(["kambing", "etawa", "ntt"]);
  });

  it("ranks keywords by the number of questions, ties alphabetically, with the oldest question as example", () => {
    const topics = topUnansweredTopics(
      [
        { id: 1, question: "buku tentang tenun ikat sumba" },
        { id: 2, question: "sejarah tenun" },
        { id: 3, question: "motif tenun ikat" },
      ],
      stop,
      3,
    );
    expect(topics).toEqual([
      { keyword: "tenun", tickets: 3, ticketIds: [1, 2, 3], example: "buku tentang tenun ikat sumba" },
      { keyword: "ikat", tickets: 2, ticketIds: [1, 3], example: "buku tentang tenun ikat sumba" },
      { keyword: "motif", tickets: 1, ticketIds: [3], example: "motif tenun ikat" },
    ]);
  });
});
