// FAQ questions carry their same-meaning variants in the index (no query-time synonyms), built from
// the catalogue vocabulary and faq.json: a resident who writes "caranya jadi member" must meet the
// entry "Bagaimana cara menjadi anggota perpustakaan?".
import { describe, expect, it } from "vitest";
import { compileFaqMatching, loadFaqVocabulary } from "../../search/faq-vocabulary.js";
import { faqSettings, toFaqDocument } from "../../search/faq-index.js";
import { compileLexicon } from "../../search/lexicon.js";
import { loadVocabulary } from "../../search/vocabulary.js";

const matching = compileFaqMatching(compileLexicon(loadVocabulary()), loadFaqVocabulary());

describe("FAQ matching vocabulary", () => {
  it("indexes a question with every other form of the words faq.json groups, in context", () => {
    const variants = matching.expansions("Bagaimana cara menjadi anggota perpustakaan?");
    // Folded like every indexed text (spelling.ts: old and new spellings meet, "j" is read as "y").
    expect(variants).toEqual(expect.arrayContaining(["caranya menyadi anggota", "cara yadi anggota", "cara menyadi member", "cara menyadi keanggotaan"]));
    // "perpustakaan" is a stop word for questions to the library: it is in no variant.
    expect(variants.join(" ")).not.toMatch(/perpustakaan/);
  });

  it("joins a multi-word form into one word, as the catalogue does", () => {
    expect(matching.expansions("Bagaimana cara daftar?")).toEqual(expect.arrayContaining(["cara signup"]));
  });

  it("gives Meilisearch no query-time synonyms, and the variants as a second searchable field", () => {
    const settings = faqSettings(matching);
    expect(settings.synonyms).toEqual({});
    expect(settings.searchableAttributes).toEqual(["search.question", "search.questionSyn"]);
    const doc = toFaqDocument({ id: 7, locale: "id", question: "Berapa denda jika terlambat?", answer: "Rp500 per hari." }, matching);
    expect(doc.search.question).toBe("berapa denda yika terlambat");
    expect(doc.search.questionSyn).toEqual(expect.arrayContaining(["fine terlambat", "denda late"]));
  });
});
