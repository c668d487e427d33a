import type { MarcField } from "@natlibfi/marc-record";
import { describe, expect, it } from "vitest";
import { mapMarcRecord } from "../../api/catalogue/import/map-marc.js";

type Sub = [string, string];
const df = (tag: string, ind1: string, ind2: string, ...subs: Sub[]): MarcField => ({ tag, ind1, ind2, subfields: subs.map(([code, value]) => ({ code, value })) });
const cf = (tag: string, value: string): MarcField => ({ tag, value });
const map = (fields: MarcField[], leader = "00000nam a2200000 a 4500") => mapMarcRecord({ leader, fields });
const title = (...subs: Sub[]) => df("245", "1", "0", ...subs);

describe("mapping MARC 21 to a catalogue record", () => {
  it("strips ISBD punctuation from title, statement parts, publisher and year", () => {
    const { value } = map([
      cf("001", "1"),
      title(["a", "Laskar pelangi :"], ["b", "sebuah novel /"], ["c", "Andrea Hirata."]),
      df("260", " ", " ", ["a", "Yogyakarta :"], ["b", "Bentang Pustaka,"], ["c", "c2005."]),
      df("250", " ", " ", ["a", "Cet. 3."]),
      df("490", "0", " ", ["a", "Tetralogi Laskar Pelangi ;"], ["v", "1"]),
    ]);
    expect(value).toMatchObject({ title: "Laskar pelangi", subtitle: "sebuah novel", place: "Yogyakarta", publisher: "Bentang Pustaka", year: 2005, edition: "Cet. 3", series: "Tetralogi Laskar Pelangi" });
  });

  it("keeps initials and ellipses, and drops brackets around supplied data", () => {
    const { value } = map([cf("001", "1"), title(["a", "Menunggu..."]), df("100", "1", " ", ["a", "Mangunwijaya, Y. B."]), df("260", " ", " ", ["a", "[Jakarta] :"], ["c", "[1981]"])]);
    expect(value).toMatchObject({ title: "Menunggu...", authors: ["Mangunwijaya, Y. B."], place: "Jakarta", year: 1981 });
  });

  it("joins part number and part name to the title", () => {
    const { value } = map([cf("001", "1"), title(["a", "Ensiklopedia anak Indonesia."], ["n", "Jilid 2,"], ["p", "Hewan dan tumbuhan."])]);
    expect(value!.title).toBe("Ensiklopedia anak Indonesia. Jilid 2, Hewan dan tumbuhan");
  });

  it("lists main and added authors as written, with a role in brackets unless it just says author", () => {
    const { value } = map([
      cf("001", "1"),
      title(["a", "Pangeran cilik"]),
      df("100", "1", " ", ["a", "Saint-Exupéry, Antoine de,"], ["d", "1900-1944"], ["e", "pengarang."]),
      df("700", "1", " ", ["a", "Chambert-Loir, Henri,"], ["e", "penerjemah."]),
      df("710", "2", " ", ["a", "Yayasan Obor Indonesia."]),
      df("700", "1", " ", ["a", "Chambert-Loir, Henri,"], ["e", "penerjemah."]),
    ]);
    expect(value!.authors).toEqual(["Saint-Exupéry, Antoine de", "Chambert-Loir, Henri (penerjemah)", "Yayasan Obor Indonesia"]);
  });

  it("prefers 264 publication over 260, takes the year from 008 when none is written", () => {
    expect(map([cf("001", "1"), title(["a", "A"]), df("264", " ", "4", ["c", "©2019"]), df("264", " ", "1", ["a", "Kupang :"], ["b", "Lembaga Bahasa,"], ["c", "2020."])]).value).toMatchObject({ place: "Kupang", publisher: "Lembaga Bahasa", year: 2020 });
    expect(map([cf("001", "1"), cf("008", "050801s2005    io a          000 1 ind d"), title(["a", "A"])]).value).toMatchObject({ year: 2005, language: "ind" });
  });

  it("takes language from 041 before 008, and names it with the MARC code", () => {
    expect(map([cf("001", "1"), cf("008", "050801s2005    io a          000 1 ind d"), title(["a", "A"]), df("041", "1", " ", ["a", "eng"])]).value!.language).toBe("eng");
    expect(map([cf("001", "1"), title(["a", "A"]), df("041", " ", " ", ["a", "Indonesia"])]).value!.language).toBe("ind");
  });

  it("builds subjects from 650/651/655 with their subdivisions, without duplicates", () => {
    const { value } = map([
      cf("001", "1"),
      title(["a", "A"]),
      df("650", " ", "4", ["a", "Peternakan kambing."]),
      df("651", " ", "4", ["a", "Nusa Tenggara Timur"], ["x", "Sejarah"], ["y", "1945-1965."]),
      df("655", " ", "7", ["a", "Cerita rakyat."]),
      df("650", " ", "4", ["a", "Peternakan kambing"]),
    ]);
    expect(value!.subjects).toEqual(["Peternakan kambing", "Nusa Tenggara Timur -- Sejarah -- 1945-1965", "Cerita rakyat"]);
  });

  it("takes the call number from 090, else 084, else 082", () => {
    expect(map([cf("001", "1"), title(["a", "A"]), df("082", "0", "4", ["a", "899.2213"]), df("090", " ", " ", ["a", "899.221 3"], ["b", "HIR l"])]).value!.callNumber).toBe("899.221 3 HIR l");
    expect(map([cf("001", "1"), title(["a", "A"]), df("082", "0", "4", ["a", "899.22/13"]), df("084", " ", " ", ["a", "2X4.2"])]).value!.callNumber).toBe("2X4.2");
    expect(map([cf("001", "1"), title(["a", "A"]), df("082", "0", "4", ["a", "899.22/13"])]).value!.callNumber).toBe("899.2213");
  });

  it("links the e-book from 856 but not a cover image, and calls a record with only a link an e-book", () => {
    const { value, issues } = map([
      cf("001", "1"),
      title(["a", "A"]),
      df("856", "4", "2", ["u", "https://example.id/sampul.jpg"], ["3", "Sampul"]),
      df("856", "4", "0", ["u", "ftp://example.id/a.pdf"]),
      df("856", "4", "0", ["u", "https://example.id/a.pdf"]),
    ]);
    expect(value).toMatchObject({ ebookUrl: "https://example.id/a.pdf", format: "ebook" });
    expect(issues).toEqual([{ field: "856$u", problem: '"ftp://example.id/a.pdf" is not an http(s) link; dropped', dropped: "field" }]);
  });

  it("normalises ISBNs to ISBN-13 and drops invalid ones with a note, keeping the record", () => {
    const { value, issues } = map([cf("001", "1"), title(["a", "A"]), df("020", " ", " ", ["a", "979-3062-79-7"]), df("020", " ", " ", ["a", "979-3062-79-8"]), df("020", " ", " ", ["a", "9789793062792"])]);
    expect(value!.isbns).toEqual(["9789793062792"]);
    expect(issues).toEqual([{ field: "020$a", problem: '"979-3062-79-8" has a wrong ISBN-10 check digit; ISBN dropped', dropped: "field" }]);
  });

  it("uses 001 as source id, then 035, then a stable id derived from the edition", () => {
    expect(map([cf("001", " KPG-1 "), df("035", " ", " ", ["a", "(OCoLC)1"]), title(["a", "A"])]).value!.sourceId).toBe("KPG-1");
    expect(map([df("035", " ", " ", ["a", "(OCoLC)1"]), title(["a", "A"])]).value!.sourceId).toBe("(OCoLC)1");
    const a = map([title(["a", "Bumi manusia"]), df("100", "1", " ", ["a", "Toer, Pramoedya Ananta"])]).value!.sourceId;
    const b = map([title(["a", "Bumi Manusia."]), df("100", "1", " ", ["a", "Toer, Pramoedya Ananta,"])]).value!.sourceId;
    const c = map([title(["a", "Anak semua bangsa"]), df("100", "1", " ", ["a", "Toer, Pramoedya Ananta"])]).value!.sourceId;
    expect(a).toMatch(/^derived:[0-9a-f]{20}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("skips a record without a title and says which field", () => {
    expect(map([cf("001", "1"), df("100", "1", " ", ["a", "Rusli, Marah"])])).toEqual({ value: null, issues: [{ field: "245$a", problem: "no title (245); record skipped", dropped: "record" }] });
    expect(map([cf("001", "1"), title(["a", " : "])]).issues[0]).toMatchObject({ field: "245$a", dropped: "record" });
  });

  it("derives the format from the leader", () => {
    expect(map([cf("001", "1"), title(["a", "Tempo"])], "00000nas a2200000 a 4500").value!.format).toBe("serial");
    expect(map([cf("001", "1"), title(["a", "Lagu daerah NTT"])], "00000njm a2200000 a 4500").value!.format).toBe("music");
    expect(map([cf("001", "1"), title(["a", "Peta Kupang"])], "00000nem a2200000 a 4500").value!.format).toBe("map");
  });
});

describe("holdings from Koha/SLiMS 952 and 852", () => {
  const holding = (...subs: Sub[]) => map([cf("001", "1"), title(["a", "A"]), df("952", " ", " ", ...subs)]);

  it("holding branch before home branch, barcode, call number", () => {
    expect(holding(["a", "PUSAT"], ["b", "OEBOBO"], ["p", "B1"], ["o", "899 HIR l"], ["7", "0"]).value!.items).toEqual([{ barcode: "B1", branch: "OEBOBO", status: "available", dueDate: null, callNumber: "899 HIR l" }]);
    expect(holding(["a", "ALAK"], ["p", "B1"]).value!.items[0]).toMatchObject({ branch: "ALAK", status: "available" });
  });

  it("a due date means on loan; lost, damaged and status words map to our statuses", () => {
    expect(holding(["b", "A"], ["p", "B1"], ["q", "2026-12-01"]).value!.items[0]).toMatchObject({ status: "on_loan", dueDate: "2026-12-01" });
    expect(holding(["b", "A"], ["p", "B1"], ["q", "2026-12-01 23:59:00"]).value!.items[0]).toMatchObject({ status: "on_loan", dueDate: "2026-12-01" });
    expect(holding(["b", "A"], ["p", "B1"], ["1", "2"]).value!.items[0]).toMatchObject({ status: "lost" });
    expect(holding(["b", "A"], ["p", "B1"], ["4", "1"]).value!.items[0]).toMatchObject({ status: "repair" });
    expect(holding(["b", "A"], ["p", "B1"], ["7", "Dipesan"]).value!.items[0]).toMatchObject({ status: "reserved" });
    expect(holding(["b", "A"], ["p", "B1"], ["7", "1"]).value!.items[0]).toMatchObject({ status: "available" });
  });

  it("a bad due date keeps the copy on loan without a date; an unknown status or missing barcode skips the copy", () => {
    const bad = holding(["b", "A"], ["p", "B1"], ["q", "2025-02-30"]);
    expect(bad.value!.items[0]).toMatchObject({ status: "on_loan", dueDate: null });
    expect(bad.issues).toEqual([{ field: "952$q", problem: 'due date "2025-02-30" is not a real date for B1; kept the copy as on loan without a due date', dropped: "field" }]);
    const unknown = holding(["b", "A"], ["p", "B1"], ["7", "Dipindahkan"]);
    expect(unknown.value!.items).toEqual([]);
    expect(unknown.issues).toEqual([{ field: "952$7", problem: 'unknown copy status "Dipindahkan" for B1; copy skipped', dropped: "item" }]);
    expect(holding(["b", "A"]).issues).toEqual([{ field: "952$p", problem: "copy without a barcode was skipped", dropped: "item" }]);
  });

  it("852 gives branch, barcode and call number", () => {
    const { value } = map([cf("001", "1"), title(["a", "A"]), df("852", " ", " ", ["a", "Perpustakaan Kota Kupang"], ["b", "MAULAFA"], ["h", "899.221 3"], ["i", "TOE b"], ["p", "K-1"])]);
    expect(value!.items).toEqual([{ barcode: "K-1", branch: "MAULAFA", status: "available", dueDate: null, callNumber: "899.221 3 TOE b" }]);
    expect(value!.callNumber).toBe("899.221 3 TOE b");
  });
});
