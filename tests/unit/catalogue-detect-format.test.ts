import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../api/catalogue/import/detect-format.js";
import { NotACatalogueError } from "../../api/catalogue/import/errors.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/catalogue");
const head = (name: string) => fs.readFileSync(path.join(FIXTURES, name)).subarray(0, 64 * 1024);
const text = (s: string) => Buffer.from(s, "utf8");

function rejection(buf: Buffer, opts: Parameters<typeof detectFormat>[1] = {}): string {
  try {
    detectFormat(buf, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(NotACatalogueError);
    return (err as Error).message;
  }
  throw new Error("expected a NotACatalogueError");
}

describe("the importer tells formats apart by content", () => {
  it("ISO 2709 by its leader and field terminators, whatever the file is called", () => {
    expect(detectFormat(head("koha-export.mrc"), { name: "export.txt" })).toEqual({ format: "marc" });
  });

  it("ISO 2709 whose first record has a broken leader is still MARC when a good leader follows", () => {
    const mrc = head("koha-export.mrc");
    const broken = Buffer.concat([Buffer.from("0A1B2nam a22xxxxx a 4500\x1e\x1d"), mrc]);
    expect(detectFormat(broken)).toEqual({ format: "marc" });
  });

  it("MARCXML with the default namespace and with the marc: prefix", () => {
    expect(detectFormat(head("koha-export.xml"))).toEqual({ format: "marcxml", prefix: "" });
    expect(detectFormat(head("koha-export-marc-prefix.xml"))).toEqual({ format: "marcxml", prefix: "marc" });
  });

  it("MARCXML with another prefix and a BOM", () => {
    const xml = '\uFEFF<?xml version="1.0"?>\n<mx:collection xmlns:mx="http://www.loc.gov/MARC21/slim"><mx:record><mx:leader>00000nam a2200000 a 4500</mx:leader></mx:record></mx:collection>';
    expect(detectFormat(text(xml))).toEqual({ format: "marcxml", prefix: "mx" });
  });

  it("our simple CSV by its header, with any column order and a semicolon separator", () => {
    expect(detectFormat(head("simple-catalogue.csv"))).toMatchObject({ format: "simple-csv", delimiter: "," });
    expect(detectFormat(text("title;authors;source_id;holdings\nLaskar Pelangi;Hirata, Andrea;1;\n"))).toMatchObject({ format: "simple-csv", delimiter: ";", header: ["title", "authors", "source_id", "holdings"] });
  });

  it("a SLiMS bibliography export with its header row, and without one", () => {
    expect(detectFormat(head("slims-bibliography.csv"))).toMatchObject({ format: "slims-csv", delimiter: "," });
    expect(detectFormat(head("slims-bibliography-no-header.csv"))).toEqual({ format: "slims-csv", delimiter: ",", header: null });
  });
});

describe("what is not a catalogue is named in the refusal", () => {
  it.each([
    ["not-a-catalogue.png", /PNG image/],
    ["not-a-catalogue.json", /JSON/],
    ["unrelated-columns.csv", /not a catalogue we know \(found: tanggal, kota, penjualan, keterangan\)/],
  ])("%s", (name, reason) => {
    expect(rejection(head(name), { name })).toMatch(reason);
  });

  it.each([
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /\.xlsx.*save it as CSV/],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), /old Office document/],
    [text("<!DOCTYPE html><html><body>Katalog</body></html>"), /HTML page/],
    [text('<?xml version="1.0"?><rss><channel><title>Berita</title></channel></rss>'), /XML but has no MARC <record>/],
    [text("Daftar buku baru bulan ini\nLaskar Pelangi\n"), /text without MARC structure or CSV columns/],
    [text("   \n\n"), /empty/],
    [Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0xff]), /binary file/],
  ])("%#: %s", (buf, reason) => {
    expect(rejection(buf)).toMatch(reason);
  });

  it("a .mrc that does not start with a leader says so", () => {
    expect(rejection(text("Laskar Pelangi, Andrea Hirata\n"), { name: "katalog.mrc" })).toMatch(/ends in \.mrc, but it does not start with a MARC leader/);
  });

  it("asking for one format when the content is another is refused", () => {
    expect(rejection(head("koha-export.xml"), { requested: "marc" })).toMatch(/asked for MARC \(ISO 2709\) but the content is MARCXML/);
    expect(rejection(head("koha-export.mrc"), { requested: "csv" })).toMatch(/asked for CSV but the content is MARC/);
    expect(rejection(head("slims-bibliography.csv"), { requested: "simple-csv" })).toMatch(/asked for simple CSV but the content is SLiMS CSV/);
    expect(detectFormat(head("slims-bibliography.csv"), { requested: "csv" }).format).toBe("slims-csv");
  });

  it("the refusal is an HTTP 422 with a reason for the admin endpoint", () => {
    try {
      detectFormat(head("not-a-catalogue.png"), { name: "/tmp/x/not-a-catalogue.png" });
    } catch (err) {
      expect(err).toMatchObject({ status: 422, code: "not_a_catalogue", details: { file: "not-a-catalogue.png", reason: "it is a PNG image" } });
      return;
    }
    throw new Error("expected a rejection");
  });
});
