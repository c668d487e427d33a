import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileLexicon, directOrder } from "../../search/lexicon.js";
import { loadFaqVocabulary } from "../../search/faq-vocabulary.js";
import { loadVocabulary, vocabulary, VocabularyError } from "../../search/vocabulary.js";

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-vocab-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("the vocabulary files the library edits", () => {
  it("load and validate as shipped", () => {
    const v = loadVocabulary();
    expect(v.missing).toEqual([]);
    expect(v.stopWords).toContain("yang");
    expect(v.subjects.length).toBeGreaterThan(100);
  });

  it("name the file and the entry when one is malformed", () => {
    const dir = dirWith({
      "subjects.json": JSON.stringify({ subjects: [{ id: ["kambing"], en: ["goat"] }, { id: ["sapi"], en: [""] }] }),
    });
    try {
      loadVocabulary(dir);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(VocabularyError);
      const message = (err as Error).message;
      expect(message).toContain(path.join(dir, "subjects.json"));
      expect(message).toContain('subjects[1] ("sapi").en[0]');
    }
  });

  it("reject JSON that does not parse, naming the file", () => {
    const dir = dirWith({ "authors.json": "{ authors: [" });
    expect(() => loadVocabulary(dir)).toThrow(/authors\.json.*not valid JSON/s);
  });

  it("treat an absent file as empty and say which", () => {
    const dir = dirWith({ "stopwords-id.txt": "yang\ndan\n" });
    const v = loadVocabulary(dir);
    expect(v.stopWords).toEqual(["yang", "dan"]);
    expect(v.missing).toEqual(expect.arrayContaining(["synonyms.json", "subjects.json", "everyday.json"]));
  });

  it("read the FAQ words like the others: shipped ones load, an absent file is empty, a malformed one names the file and the group", () => {
    expect(loadFaqVocabulary().stopWords).toContain("perpustakaan");
    expect(loadFaqVocabulary(dirWith({}))).toEqual({ stopWords: [], groups: [] });
    expect(() => loadFaqVocabulary(dirWith({ "faq.json": "{ groups: [" }))).toThrow(/faq\.json.*not valid JSON/s);
    const broken = dirWith({ "faq.json": JSON.stringify({ stopWords: [], groups: [["pinjam", "meminjam"], ["daftar"]] }) });
    expect(() => loadFaqVocabulary(broken)).toThrow(VocabularyError);
    expect(() => loadFaqVocabulary(broken)).toThrow(/faq\.json[\s\S]*groups\[1\]/);
  });
});

describe("the compiled lexicon", () => {
  const lexicon = compileLexicon(
    vocabulary({
      stopWords: ["di", "yang", "dan"],
      authors: [{ name: "Mangunwijaya, Y. B.", variants: ["Yusuf Bilyarta Mangunwijaya", "Romo Mangun"] }],
      titles: [{ title: "Laskar Pelangi", variants: ["The Rainbow Troops", "LP"] }],
      subjects: [{ id: ["beternak kambing", "peternakan kambing"], en: ["goat farming"] }],
      everyday: [{ phrases: ["menanam cabai di pot"], terms: ["cabai", "budidaya cabai"] }],
      synonymGroups: [["kambing", "goat"]],
    }),
  );

  it("writes inverted names in direct order", () => {
    expect(directOrder("Toer, Pramoedya Ananta, 1925-2006")).toBe("Pramoedya Ananta Toer");
    expect(directOrder("Hamka")).toBe("Hamka");
  });

  it("gives a record's author every form people type, whatever punctuation the catalogue used", () => {
    const forms = lexicon.authorForms(["Mangunwijaya, Y.B."]);
    // Folded like every query ("j" reads "y"), so old and new spellings of a name meet.
    expect(forms).toEqual(expect.arrayContaining(["y b mangunwiyaya", "yusuf bilyarta mangunwiyaya", "romo mangun"]));
  });

  it("gives a record its other titles", () => {
    expect(lexicon.titleForms("Laskar pelangi", null)).toEqual(expect.arrayContaining(["the rainbow troops", "lp"]));
    expect(lexicon.titleForms("Sang Pemimpi", null)).toEqual([]);
  });

  it("finds English topics from an inverted subject heading or from the title", () => {
    expect(lexicon.topicTerms("Kumpulan resep", ["Kambing -- Peternakan"])).toContain("goat farming");
    expect(lexicon.topicTerms("Panduan beternak kambing", [])).toContain("goat farming");
    expect(lexicon.topicTerms("Kambing hitam", [])).toEqual([]);
  });

  it("replaces everyday phrases with formal terms, keeping the other words", () => {
    expect(lexicon.rewriteEveryday(lexicon.contentWords("menanam cabai di pot untuk pemula"))).toEqual({
      words: ["cabai", "budidaya", "untuk", "pemula"],
      matched: true,
    });
  });

  it("keeps a query that is only stop words instead of emptying it", () => {
    expect(lexicon.contentWords("yang dan")).toEqual(["yang", "dan"]);
  });

  it("builds mutual groups of folded, stop-word-free phrases", () => {
    const groupOf = (phrase: string) => lexicon.groups().find((g) => g.includes(phrase)) ?? [];
    expect(groupOf("goat")).toContain("kambing");
    expect(groupOf("goat farming")).toEqual(expect.arrayContaining(["beternak kambing", "peternakan kambing"]));
    expect(groupOf("romo mangun")).toContain("yusuf bilyarta mangunwiyaya");
  });

  it("gives a record every other form of the vocabulary phrases it contains, in their context", () => {
    expect(lexicon.expansions("Panduan beternak kambing di Timor")).toEqual(
      expect.arrayContaining(["panduan goatfarming timor", "panduan peternakankambing timor", "panduan beternak goat timor"]),
    );
    expect(lexicon.expansions("Goat farming")).toEqual(expect.arrayContaining(["beternakkambing", "peternakankambing", "kambing farming"]));
    expect(lexicon.expansions("Sang Pemimpi")).toEqual([]);
  });

  it("adds multi-word forms as one word, so their words alone do not find the record", () => {
    // "goat farming" must find it (Meilisearch also searches "goatfarming"), "farming" alone must not.
    const forms = lexicon.expansions("peternakan kambing").flatMap((e) => e.split(" "));
    expect(forms).toContain("goatfarming");
    expect(forms).not.toContain("farming");
  });

  it("expands author and title forms found anywhere in a text, both ways", () => {
    expect(lexicon.expansions("Kenangan tentang Romo Mangun")).toEqual(expect.arrayContaining(["kenangan tentang yusufbilyartamangunwiyaya"]));
    expect(lexicon.expansions("Ulasan novel The Rainbow Troops")).toEqual(expect.arrayContaining(["ulasan novel laskarpelangi"]));
  });

  it("adds no form longer than Meilisearch ever used as a synonym key, but finds one in a record", () => {
    const long = compileLexicon(vocabulary({ synonymGroups: [["umkm", "usaha mikro kecil menengah"]] }));
    expect(long.expansions("Modal untuk UMKM")).toEqual([]);
    expect(long.expansions("Modal usaha mikro kecil menengah")).toEqual(["modal umkm"]);
  });

  it("compiles the shipped vocabulary into groups without stop words in their phrases", () => {
    const shipped = compileLexicon(loadVocabulary());
    const groups = shipped.groups();
    expect(groups.length).toBeGreaterThan(500);
    for (const phrase of groups.flat()) {
      const phraseWords = phrase.split(" ");
      if (phraseWords.length > 1) for (const w of phraseWords) expect(shipped.stopWords.has(w), phrase).toBe(false);
    }
  });
});
