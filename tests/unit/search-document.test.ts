import { describe, expect, it } from "vitest";
import { availabilityOf, toDocument, type RecordRow } from "../../search/catalogue-document.js";
import { compileLexicon } from "../../search/lexicon.js";
import { vocabulary } from "../../search/vocabulary.js";

const row = (over: Partial<RecordRow> = {}): RecordRow => ({
  id: 1, title: "Bumi Manusia", subtitle: null, authors: ["Toer, Pramoedya Ananta"], publisher: "Hasta Mitra", year: 1980,
  isbns: ["9789799731234"], language: "ind", subjects: ["Fiksi Indonesia"], series: null, callNumber: "899.221 TOE b",
  format: "book", summary: null, ebookUrl: null, items: [], ...over,
});

describe("availability per branch", () => {
  it("counts copies and gives the earliest due date only when none is on the shelf", () => {
    const a = availabilityOf([
      { branch: "OEBOBO", branchName: "Oebobo", status: "on_loan", dueDate: "2026-12-05" },
      { branch: "OEBOBO", branchName: "Oebobo", status: "on_loan", dueDate: "2026-11-30" },
      { branch: "KOTA", branchName: "Kota", status: "available", dueDate: null },
      { branch: "KOTA", branchName: "Kota", status: "on_loan", dueDate: "2026-11-01" },
      { branch: "KOTA", branchName: "Kota", status: "lost", dueDate: null },
    ]);
    expect(a).toEqual([
      { branch: "KOTA", branchName: "Kota", total: 2, available: 1, nextDue: null },
      { branch: "OEBOBO", branchName: "Oebobo", total: 2, available: 0, nextDue: "2026-11-30" },
    ]);
  });
});

describe("the index document of a record", () => {
  const lexicon = compileLexicon(vocabulary());

  it("holds branch lists for filtering and an availability count for ranking", () => {
    const doc = toDocument(
      row({
        items: [
          { branch: "ALAK", branchName: "Alak", status: "available", dueDate: null },
          { branch: "KOTA", branchName: "Kota", status: "reserved", dueDate: null },
        ],
      }),
      lexicon,
    );
    expect(doc.branches).toEqual(["ALAK", "KOTA"]);
    expect(doc.availableBranches).toEqual(["ALAK"]);
    expect(doc.available).toBe(true);
    expect(doc.availableCount).toBe(1);
    expect(doc.isbn).toBe("9789799731234");
  });

  it("searches folded copies of every text, with the author in direct order too", () => {
    const doc = toDocument(row({ title: "Tjerita Djakarta" }), lexicon);
    expect(doc.title).toBe("Tjerita Djakarta");
    expect(doc.search.title).toBe("cerita yakarta");
    expect(doc.search.authors).toEqual(["tur pramudya ananta"]);
    expect(doc.search.authorsAlt).toEqual(["pramudya ananta tur"]);
  });
});
