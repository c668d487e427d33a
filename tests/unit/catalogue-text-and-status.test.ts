import { describe, expect, it } from "vitest";
import { kohaStatus, parseDueDate, parseItemStatus } from "../../api/catalogue/import/item-status.js";
import { normalizeLanguage } from "../../api/catalogue/import/language.js";
import { parseRecordFormat } from "../../api/catalogue/import/record-format.js";
import { cleanText, parsePages, parseYear, stripIsbd } from "../../api/catalogue/import/text-clean.js";

describe("ISBD punctuation and catalogue text", () => {
  it.each([
    ["Laskar pelangi :", "Laskar pelangi"],
    [": sebuah novel /", "sebuah novel"],
    ["Hirata, Andrea,", "Hirata, Andrea"],
    ["Bentang Pustaka ;", "Bentang Pustaka"],
    ["Serat Centhini =", "Serat Centhini"],
    ["Toer, Pramoedya Ananta.", "Toer, Pramoedya Ananta"],
    ["Mangunwijaya, Y. B.", "Mangunwijaya, Y. B."],
    ["Tunggu aku...", "Tunggu aku..."],
    ["Apa kabar?", "Apa kabar?"],
    ["[Kupang]", "Kupang"],
    ["  Sitti   Nurbaya\u0000 ", "Sitti Nurbaya"],
  ])("%j -> %j", (raw, clean) => {
    expect(stripIsbd(raw)).toBe(clean);
  });

  it("removes control characters PostgreSQL would refuse but keeps line breaks", () => {
    expect(cleanText("baris satu\nbaris\u001e dua\u0000")).toBe("baris satu\nbaris dua");
    expect(cleanText(" \t ")).toBeNull();
  });

  it.each([
    ["c2005.", 2005],
    ["[1981]", 1981],
    ["2005, cetakan ke-3", 2005],
    ["1400 H", 1400],
    ["tanpa tahun", null],
    ["99", null],
  ])("year of %j is %j", (raw, year) => {
    expect(parseYear(raw)).toBe(year);
  });

  it.each([
    ["xxxiv, 529 hlm. ; 20 cm", 529],
    ["x, 263 p. : ill. ; 21 cm", 263],
    ["418 halaman", 418],
    ["120 hal.", 120],
    ["312", 312],
    ["1 jil. (tidak bernomor) ; 21 cm", 1],
    ["; 21 cm", null],
  ])("pages of %j is %j", (raw, pages) => {
    expect(parsePages(raw)).toBe(pages);
  });
});

describe("copy status and due date", () => {
  it.each([
    ["available", "available"],
    ["On Loan", "on_loan"],
    ["Dipinjam", "on_loan"],
    ["reserved", "reserved"],
    ["Hilang", "lost"],
    ["Missing", "lost"],
    ["MIS", "lost"],
    ["R", "repair"],
    ["Rusak", "repair"],
    ["No Loan", "available"],
    ["", null],
    ["dimakan rayap", undefined],
  ])("%j -> %j", (raw, status) => {
    expect(parseItemStatus(raw)).toBe(status);
  });

  it("Koha: lost beats damaged beats not-for-loan; numbers in $7 mean the copy is in the building", () => {
    expect(kohaStatus({ lost: "1", damaged: "1" })).toBe("lost");
    expect(kohaStatus({ lost: "0", damaged: "1" })).toBe("repair");
    expect(kohaStatus({ notForLoan: "-1" })).toBe("available");
    expect(kohaStatus({ notForLoan: "Dipesan" })).toBe("reserved");
    expect(kohaStatus({ notForLoan: "entah" })).toBeUndefined();
    expect(kohaStatus({})).toBeNull();
  });

  it("due dates must be real YYYY-MM-DD dates", () => {
    expect(parseDueDate("2026-12-01")).toEqual({ ok: true, date: "2026-12-01" });
    expect(parseDueDate("2024-02-29")).toEqual({ ok: true, date: "2024-02-29" });
    expect(parseDueDate("")).toEqual({ ok: true, date: null });
    expect(parseDueDate("2025-02-29")).toEqual({ ok: false, problem: 'due date "2025-02-29" is not a real date' });
    expect(parseDueDate("01/12/2026")).toEqual({ ok: false, problem: 'due date "01/12/2026" is not YYYY-MM-DD' });
  });
});

describe("language and format words", () => {
  it.each([
    ["ind", "ind"],
    ["id", "ind"],
    ["Indonesia", "ind"],
    ["Bahasa Indonesia", "ind"],
    ["Inggris", "eng"],
    ["Jawa", "jav"],
    ["Bahasa Tetun", "tet"],
    ["und", null],
    ["Rote", "rote"],
  ])("language %j -> %j", (raw, code) => {
    expect(normalizeLanguage(raw)).toBe(code);
  });

  it.each([
    ["Text", "book"],
    ["Electronic Resource", "ebook"],
    ["majalah", "serial"],
    ["Kamus", "reference"],
    ["Sound Recording", "audio"],
    ["[Video Recording]", "video"],
    ["lukisan", undefined],
    ["", null],
  ])("format %j -> %j", (raw, format) => {
    expect(parseRecordFormat(raw)).toBe(format);
  });
});
