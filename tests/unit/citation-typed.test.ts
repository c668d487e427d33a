// "judul; penulis; tahun; penerbit; kota": books students type because they are not in the catalogue.
import { beforeAll, describe, expect, it } from "vitest";
import { createCitationFormatter, type CitationFormatter } from "../../api/research/citation-formatter.js";
import { citeprocPlusSource } from "../../api/research/csl-data.js";
import { createNameRules } from "../../api/research/indonesian-names.js";
import { cslEdition, recordToCsl } from "../../api/research/record-to-csl.js";
import { looksLikeTypedMetadata, parseTypedMetadata, TypedMetadataError } from "../../api/research/typed-metadata.js";
import { loadVocabulary } from "../../search/vocabulary.js";

const rules = createNameRules(loadVocabulary().authors);
const now = new Date("2026-11-21T00:00:00Z");
let formatter: CitationFormatter;
beforeAll(() => {
  formatter = createCitationFormatter(citeprocPlusSource());
});

describe("a student types a book that is not in the catalogue", () => {
  it("gets an APA reference from 'judul; penulis; tahun; penerbit; kota'", () => {
    const item = parseTypedMetadata("Metode Penelitian Kualitatif; Lexy J. Moleong; 2017; Remaja Rosdakarya; Bandung", rules, { locale: "id", now });
    expect(item).toMatchObject({ type: "book", title: "Metode Penelitian Kualitatif", author: [{ family: "Moleong", given: "Lexy J." }], issued: { "date-parts": [[2017]] }, publisher: "Remaja Rosdakarya", "publisher-place": "Bandung", language: "id" });
    expect(formatter.bibliography([item], "apa", "id")[0]!.text).toBe("Moleong, L. J. (2017). Metode Penelitian Kualitatif. Remaja Rosdakarya.");
  });

  it("a single-name author typed with a title stays one name: 'Ir. Soekarno'", () => {
    const item = parseTypedMetadata("Indonesia Menggugat; Ir. Soekarno; 1930; ; ", rules, { locale: "id", now });
    expect(item.author).toEqual([{ literal: "Soekarno" }]);
    expect(formatter.bibliography([item], "mla", "id")[0]!.text).toBe("Soekarno. Indonesia Menggugat. 1930.");
  });

  it("several authors, labelled fields in any order, and an edition", () => {
    const item = parseTypedMetadata("penerbit: Gramedia; judul: Gizi Seimbang; penulis: Budi Santoso dan Ani Wijaya; tahun: 2019; kota: Jakarta; edisi: edisi kedua", rules, { locale: "id", now });
    expect(item.author).toEqual([{ family: "Santoso", given: "Budi" }, { family: "Wijaya", given: "Ani" }]);
    expect(item.edition).toBe("2");
    expect(formatter.bibliography([item], "apa", "en")[0]!.text).toBe("Santoso, B., & Wijaya, A. (2019). Gizi Seimbang (2nd ed.). Gramedia.");
  });

  it("no year ('t.t.', '-', or empty) gives t.t. / n.d. in the reference", () => {
    for (const year of ["t.t.", "-", "", "n.d."]) {
      const item = parseTypedMetadata(`Cerita Rakyat Rote; Yohanes Tefa; ${year}; Pustaka Flobamora; Kupang`, rules, { locale: "id", now });
      expect(item.issued).toBeUndefined();
      expect(formatter.bibliography([item], "apa", "id")[0]!.text).toContain("(t.t.)");
      expect(formatter.bibliography([item], "apa", "en")[0]!.text).toContain("(n.d.)");
    }
  });

  it("a missing title or an impossible year names the field to fix", () => {
    expect(() => parseTypedMetadata("; Budi; 2019; Gramedia; Jakarta", rules, { locale: "id", now })).toThrow(TypedMetadataError);
    try {
      parseTypedMetadata("Gizi; Budi; 20019; Gramedia; Jakarta", rules, { locale: "id", now });
      expect.unreachable();
    } catch (err) {
      expect((err as TypedMetadataError).problems).toEqual([{ field: "year", problem: "invalid", value: "20019" }]);
    }
  });

  it("only messages with at least three ';'-separated parts look like typed metadata", () => {
    expect(looksLikeTypedMetadata("Gizi; Budi; 2019")).toBe(true);
    expect(looksLikeTypedMetadata("sitasi APA laskar pelangi")).toBe(false);
  });

  it("the same typed text always gets the same id, so adding it twice to a list is one entry", () => {
    const a = parseTypedMetadata("Gizi; Budi; 2019; Gramedia; Jakarta", rules, { locale: "id", now });
    const b = parseTypedMetadata("gizi; budi; 2019; gramedia; jakarta ", rules, { locale: "id", now });
    expect(a.id).toBe(b.id);
  });
});

describe("catalogue records become CSL items", () => {
  it("reads edition statements: numbered editions become numbers, printings and first editions are left out", () => {
    expect(cslEdition("Ed. 2")).toBe("2");
    expect(cslEdition("Edisi ke-3")).toBe("3");
    expect(cslEdition("2nd ed.")).toBe("2");
    expect(cslEdition("Edisi kedua")).toBe("2");
    expect(cslEdition("Cetakan ke-2")).toBeUndefined();
    expect(cslEdition("Cet. 5")).toBeUndefined();
    expect(cslEdition("Edisi pertama")).toBeUndefined();
    expect(cslEdition("Edisi revisi")).toBe("Edisi revisi");
    expect(cslEdition(null)).toBeUndefined();
  });

  it("a translated record puts the translator in CSL translator, and the series number in collection-number", () => {
    const item = recordToCsl(
      { id: 160, title: "Harry Potter dan Batu Bertuah", authors: ["Rowling, J. K.", "Srisanti, Listiana (penerjemah)"], publisher: "Gramedia Pustaka Utama", place: "Jakarta", year: 2000, series: "Harry Potter; 1", isbns: ["9796558513"], language: "ind", pages: 384 },
      rules,
    );
    expect(item).toMatchObject({
      id: "rec-160",
      author: [{ family: "Rowling", given: "J. K." }],
      translator: [{ family: "Srisanti", given: "Listiana" }],
      "collection-title": "Harry Potter",
      "collection-number": "1",
      ISBN: "9796558513",
      language: "id",
      "number-of-pages": "384",
    });
  });
});
