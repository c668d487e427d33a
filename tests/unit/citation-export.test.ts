// RIS and BibTeX files of a reference list must open in Zotero or Mendeley with the same data; we
// check that by reading them back with citation-js, which parses both the way those tools do.
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-bibtex";
import { describe, expect, it } from "vitest";
import { asDocument, exportBibtex, exportRis } from "../../api/research/bibliography-export.js";
import type { CslItem, CslName } from "../../api/research/csl-types.js";
import { createNameRules } from "../../api/research/indonesian-names.js";
import { recordToCsl } from "../../api/research/record-to-csl.js";
import { parseTypedMetadata } from "../../api/research/typed-metadata.js";
import { loadVocabulary } from "../../search/vocabulary.js";
import { CITATION_RECORDS } from "../fixtures/citation-records.js";

const rules = createNameRules(loadVocabulary().authors);

// A name as a reader sees it. RIS and BibTeX have no "literal" marker: a one-part name comes back
// as a family name only, which every style prints the same way.
const shown = (n: CslName) => n.literal ?? [n.given, n["non-dropping-particle"], n.family, n.suffix].filter(Boolean).join(" ");

type Comparable = Record<string, unknown>;

function comparable(item: Record<string, unknown>): Comparable {
  const names = (v: unknown) => (Array.isArray(v) ? (v as CslName[]).map(shown) : []);
  const year = (item.issued as { "date-parts"?: number[][] } | undefined)?.["date-parts"]?.[0]?.[0];
  return {
    type: item.type,
    title: item.title,
    author: names(item.author),
    translator: names(item.translator),
    editor: names(item.editor),
    year: year === undefined ? null : Number(year),
    publisher: item.publisher ?? null,
    place: item["publisher-place"] ?? null,
    edition: item.edition ?? null,
    isbn: item.ISBN ?? null,
  };
}

const list: CslItem[] = [
  ...CITATION_RECORDS.map((r) => recordToCsl(r, rules)),
  recordToCsl(
    { id: 23, title: "The Rainbow Troops", authors: ["Hirata, Andrea", "Kilbane, Angie (penerjemah)"], publisher: "Farrar, Straus and Giroux", place: "New York", year: 2013, isbn: "9780374246709", language: "eng" },
    rules,
  ),
  recordToCsl({ id: 40, title: "Kumpulan Esai", authors: ["Damono, Sapardi Djoko (editor)", "Ajidarma, Seno Gumira"], publisher: "Kompas", place: "Jakarta", year: 2001, edition: "Edisi ke-3" }, rules),
  parseTypedMetadata("Metode Penelitian Kualitatif; Lexy J. Moleong; 2017; Remaja Rosdakarya; Bandung", rules, { locale: "id" }),
];

describe("a student exports the reference list to Zotero or Mendeley", () => {
  it("the RIS file reads back with the same titles, people, years, publishers, places, editions and ISBNs", () => {
    const file = exportRis(list);
    expect(file.filename).toBe("daftar-pustaka.ris");
    expect(file.mimeType).toBe("application/x-research-info-systems");
    expect(file.content).toMatch(/^TY {2}- BOOK$/m);
    const back = new Cite(file.content).data;
    expect(back.map(comparable)).toEqual(list.map((i) => comparable(i as unknown as Record<string, unknown>)));
  });

  it("the BibTeX file reads back the same way, translators included", () => {
    const file = exportBibtex(list);
    expect(file.filename).toBe("daftar-pustaka.bib");
    expect(file.content).toContain("translator = {Hermoyo, Rahmani Astuti}");
    expect(file.content).toContain("author = {{Sukarno}}");
    expect(file.content).toContain("author = {{Tere Liye}}");
    const back = new Cite(file.content).data;
    expect(back.map(comparable)).toEqual(list.map((i) => comparable(i as unknown as Record<string, unknown>)));
  });

  it("keeps BibTeX keys unique when two books would get the same key", () => {
    const twice = [list[0]!, { ...list[0]!, id: "rec-99", publisher: "Lain" }];
    const keys = [...exportBibtex(twice).content.matchAll(/^@book\{([^,]+),/gm)].map((m) => m[1]);
    expect(new Set(keys).size).toBe(2);
  });

  it("sends the file as a chat document in base64", () => {
    const doc = asDocument(exportRis(list.slice(0, 1)));
    expect(Buffer.from(doc.base64, "base64").toString("utf8")).toContain("TI  - Di Bawah Bendera Revolusi");
  });

  it("an empty list exports an empty file rather than failing", () => {
    expect(exportRis([]).content).toBe("");
    expect(exportBibtex([]).content).toBe("");
  });
});
