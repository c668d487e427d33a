import { describe, expect, it } from "vitest";
import { SIMPLE_COLUMNS, SLIMS_COLUMNS } from "../../api/catalogue/import/csv-columns.js";
import { mapSimpleRow, simpleHeader } from "../../api/catalogue/import/map-simple-csv.js";
import { mapSlimsRow, slimsHeader, slimsList } from "../../api/catalogue/import/map-slims-csv.js";

const simple = simpleHeader([...SIMPLE_COLUMNS]);
function simpleRow(values: Partial<Record<(typeof SIMPLE_COLUMNS)[number], string>>): string[] {
  return SIMPLE_COLUMNS.map((c) => values[c] ?? "");
}

describe("our simple CSV", () => {
  it("maps every column; lists split on ';'", () => {
    const { value, issues } = mapSimpleRow(
      simple,
      simpleRow({
        source_id: "DEMO-0001",
        title: "Laskar Pelangi",
        subtitle: "sebuah novel",
        authors: "Hirata, Andrea; Someone (penerjemah)",
        publisher: "Bentang Pustaka",
        place: "Yogyakarta",
        year: "2005",
        isbn: "979-3062-79-7",
        language: "Indonesia",
        subjects: "Novel Indonesia;  Pendidikan ;",
        series: "Tetralogi Laskar Pelangi; 1",
        edition: "Cet. 1",
        pages: "529",
        call_number: "899.221 3 HIR l",
        format: "book",
        summary: "Kisah sepuluh anak Belitong.",
        ebook_url: "https://example.id/lp.pdf",
        holdings: "PUSAT|B1|available|;OEBOBO|B2|on_loan|2026-12-01",
      }),
    );
    expect(issues).toEqual([]);
    expect(value).toEqual({
      sourceId: "DEMO-0001",
      title: "Laskar Pelangi",
      subtitle: "sebuah novel",
      authors: ["Hirata, Andrea", "Someone (penerjemah)"],
      publisher: "Bentang Pustaka",
      place: "Yogyakarta",
      year: 2005,
      isbns: ["9789793062792"],
      language: "ind",
      subjects: ["Novel Indonesia", "Pendidikan"],
      series: "Tetralogi Laskar Pelangi; 1",
      edition: "Cet. 1",
      pages: 529,
      callNumber: "899.221 3 HIR l",
      format: "book",
      summary: "Kisah sepuluh anak Belitong.",
      ebookUrl: "https://example.id/lp.pdf",
      items: [
        { barcode: "B1", branch: "PUSAT", status: "available", dueDate: null, callNumber: null },
        { barcode: "B2", branch: "OEBOBO", status: "on_loan", dueDate: "2026-12-01", callNumber: null },
      ],
    });
  });

  it("names the column of each bad value and keeps the record", () => {
    const { value, issues } = mapSimpleRow(
      simple,
      simpleRow({ title: "A", year: "tahun lalu", pages: "banyak", format: "lukisan", ebook_url: "www.example.id", holdings: "PUSAT|B1|available|2026-01-01;PUSAT|B2|on_loan|01-12-2026;PUSAT||available|;ALAK|B3|hilang sebagian|" }),
    );
    expect(value).not.toBeNull();
    expect(value!.items.map((i) => [i.barcode, i.status, i.dueDate])).toEqual([
      ["B1", "available", null],
      ["B2", "on_loan", null],
    ]);
    expect(issues.map((i) => [i.field, i.dropped])).toEqual([
      ["year", "field"],
      ["pages", "field"],
      ["format", "field"],
      ["ebook_url", "field"],
      ["holdings", "field"],
      ["holdings", "field"],
      ["holdings", "item"],
      ["holdings", "item"],
    ]);
    expect(issues[4]!.problem).toMatch(/due date for B1 ignored: the copy is available/);
    expect(issues[5]!.problem).toMatch(/"01-12-2026" is not YYYY-MM-DD/);
    expect(issues[7]!.problem).toMatch(/unknown status "hilang sebagian"/);
    expect(value!.format).toBe("book");
  });

  it("a row with more values than the header is skipped rather than stored shifted", () => {
    const row = [...simpleRow({ source_id: "1", title: "Bumi Manusia" }), "extra"];
    expect(mapSimpleRow(simple, row)).toMatchObject({ value: null, issues: [{ field: "row", dropped: "record" }] });
  });

  it("columns in any order, unknown columns ignored, missing source id derived", () => {
    const header = simpleHeader(["catatan", "title", "authors"]);
    const { value } = mapSimpleRow(header, ["abaikan", "Bumi Manusia", "Toer, Pramoedya Ananta"]);
    expect(value).toMatchObject({ title: "Bumi Manusia", authors: ["Toer, Pramoedya Ananta"], items: [] });
    expect(value!.sourceId).toMatch(/^derived:/);
  });
});

describe("SLiMS bibliography export", () => {
  const header = slimsHeader([...SLIMS_COLUMNS, ""]);
  function slimsRow(values: Partial<Record<(typeof SLIMS_COLUMNS)[number], string>>): string[] {
    return SLIMS_COLUMNS.map((c) => values[c] ?? "");
  }

  it("reads <a><b> lists", () => {
    expect(slimsList("<Hirata, Andrea><Someone>")).toEqual(["Hirata, Andrea", "Someone"]);
    expect(slimsList("<B0001><><B0002><B0001>")).toEqual(["B0001", "B0002"]);
    expect(slimsList("Novel; Pendidikan")).toEqual(["Novel", "Pendidikan"]);
    expect(slimsList("")).toEqual([]);
  });

  it("splits 'Title : subtitle', maps GMD and collation, lists item codes as copies without branch or status", () => {
    const { value, issues } = mapSlimsRow(
      header,
      slimsRow({ title: "Laskar Pelangi : sebuah novel", gmd_name: "Text", isbn_issn: "979-3062-79-7", publish_year: "2005", collation: "xxxiv, 529 hlm. ; 20 cm", call_number: "899.221 3 HIR l", language_name: "Indonesia", authors: "<Hirata, Andrea>", topics: "<Novel Indonesia>", item_code: "<B1><B2>" }),
    );
    expect(issues).toEqual([]);
    expect(value).toMatchObject({ title: "Laskar Pelangi", subtitle: "sebuah novel", format: "book", isbns: ["9789793062792"], year: 2005, pages: 529, language: "ind", authors: ["Hirata, Andrea"], subjects: ["Novel Indonesia"] });
    expect(value!.items).toEqual([
      { barcode: "B1", branch: null, status: null, dueDate: null, callNumber: "899.221 3 HIR l" },
      { barcode: "B2", branch: null, status: null, dueDate: null, callNumber: "899.221 3 HIR l" },
    ]);
  });

  it("the same row always gets the same derived source id", () => {
    const row = slimsRow({ title: "Bumi Manusia", publish_year: "2005", authors: "<Toer, Pramoedya Ananta>" });
    expect(mapSlimsRow(header, row).value!.sourceId).toBe(mapSlimsRow(header, [...row]).value!.sourceId);
    expect(mapSlimsRow(header, slimsRow({ title: "Bumi Manusia", publish_year: "1980" })).value!.sourceId).not.toBe(mapSlimsRow(header, row).value!.sourceId);
  });

  it("unknown GMDs are 'other'; an ISSN in isbn_issn is noted and dropped", () => {
    const { value, issues } = mapSlimsRow(header, slimsRow({ title: "Majalah Tempo", gmd_name: "Art Original", isbn_issn: "0126-4273" }));
    expect(value).toMatchObject({ format: "other", isbns: [] });
    expect(issues).toEqual([{ field: "isbn_issn", problem: '"0126-4273" looks like an ISSN, not an ISBN; ISBN dropped', dropped: "field" }]);
  });
});
