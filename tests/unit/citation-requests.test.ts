// How chat messages are read as citation, reference-list and research requests.
import { describe, expect, it } from "vitest";
import type { TextInput } from "../../api/dialog/intent.js";
import { emptyState } from "../../api/dialog/dialog-state.js";
import { tokenize } from "../../api/dialog/normalize-text.js";
import { leadingCiteWords, readCiteRequest } from "../../api/research/cite-request.js";
import { researchTextRules } from "../../api/research/research-rules.js";
import { createTopicTerms, extractTopic } from "../../api/research/topic-terms.js";
import { loadVocabulary } from "../../search/vocabulary.js";

function match(text: string, llmEnabled = false) {
  const input: TextInput = { raw: text, tokens: tokenize(text), command: null, commandArg: "", branches: [], state: emptyState() };
  for (const rule of researchTextRules({ llmEnabled }).sort((a, b) => b.priority - a.priority)) {
    const intent = rule.match(input);
    if (intent) return { name: intent.name, arg: intent.arg };
  }
  return null;
}

describe("citation requests", () => {
  it("keep the title and pick up a named style", () => {
    expect(readCiteRequest("buatkan sitasi APA buku Laskar Pelangi")).toEqual({ query: "Laskar Pelangi", style: "apa" });
    expect(readCiteRequest("cite Bumi Manusia in MLA please")).toEqual({ query: "Bumi Manusia", style: "mla" });
    expect(readCiteRequest("sitasi")).toEqual({ query: "", style: null });
  });

  it("typed metadata may follow the request words", () => {
    expect(leadingCiteWords("sitasi IEEE: Gizi; Budi; 2019; Gramedia; Jakarta")).toEqual({ rest: "Gizi; Budi; 2019; Gramedia; Jakarta", style: "ieee" });
    expect(leadingCiteWords("Gizi; Budi; 2019")).toEqual({ rest: "Gizi; Budi; 2019", style: null });
  });
});

describe("which messages the research feature takes", () => {
  it.each([
    ["bantu cari literatur tentang stunting di NTT", "research"],
    ["cari referensi untuk skripsi tentang pariwisata Labuan Bajo", "research"],
    ["help me find literature on climate change", "research"],
    ["daftar pustaka saya", "bib"],
    ["lihat daftar pustaka", "bib"],
    ["ekspor daftar pustaka ke zotero", "bib"],
    ["ganti gaya sitasi ke MLA", "cstyle"],
    ["Laskar Pelangi; Andrea Hirata; 2005; Bentang Pustaka; Yogyakarta", "cite"],
    ["judul: Gizi; penulis: Budi; tahun: t.t.; penerbit: Gramedia", "cite"],
  ])("%s -> %s", (text, name) => {
    expect(match(text)?.name).toBe(name);
  });

  it("leaves citation requests and plain searches to the engine's own rules", () => {
    expect(match("buatkan sitasi untuk skripsi saya")).toBeNull();
    expect(match("buatkan daftar pustaka buku bumi manusia")).toBeNull();
    expect(match("buku tentang stunting")).toBeNull();
    expect(match("novel; puisi; cerpen")).toBeNull();
  });

  it("reads the export format asked for", () => {
    expect(match("ekspor daftar pustaka ke zotero")?.arg).toBe("export:ris");
    expect(match("download daftar pustaka bibtex")?.arg).toBe("export:bib");
  });

  it("sends questions the rules cannot place to the model only when there is one", () => {
    expect(match("siapa yang menulis laskar pelangi?", true)).toEqual({ name: "ask", arg: "siapa yang menulis laskar pelangi?" });
    expect(match("siapa yang menulis laskar pelangi?", false)).toBeNull();
    expect(match("ada buku laskar pelangi?", true)).toBeNull();
  });
});

describe("research topics", () => {
  it("are the message without the request words around them", () => {
    expect(extractTopic("bantu cari literatur tentang stunting di NTT")).toBe("stunting di NTT");
    expect(extractTopic("help me find literature on climate change in Indonesia for my thesis")).toBe("climate change in Indonesia");
    expect(extractTopic("cari literatur")).toBe("");
    // After "tentang" research words belong to the topic; a trailing purpose does not.
    expect(extractTopic("cari referensi tentang metode penelitian kualitatif untuk skripsi saya")).toBe("metode penelitian kualitatif");
    expect(extractTopic("literatur tentang pariwisata untuk masyarakat desa")).toBe("pariwisata untuk masyarakat desa");
  });

  it("get Indonesian and English keywords from the vocabulary, the place included: NTT is East Nusa Tenggara", () => {
    const terms = createTopicTerms(loadVocabulary()).terms("stunting di NTT");
    expect(terms.indonesian).toEqual(["stunting", "tengkes", "pencegahan stunting", "nusa tenggara timur", "ntt"]);
    expect(terms.english).toEqual(["stunting", "child stunting", "stunting prevention", "east nusa tenggara"]);
    expect(terms.otherWords).toEqual([]);
  });

  it("keep words the vocabulary does not know for narrowing", () => {
    const terms = createTopicTerms(loadVocabulary()).terms("stunting di Oesapa");
    expect(terms.otherWords).toEqual(["oesapa"]);
  });

  it("turn everyday phrases into formal terms: 'anak pendek' is stunting and child nutrition", () => {
    const terms = createTopicTerms(loadVocabulary()).terms("anak pendek");
    expect(terms.indonesian).toEqual(expect.arrayContaining(["stunting", "gizi anak"]));
    expect(terms.english).toEqual(expect.arrayContaining(["child stunting", "child nutrition"]));
  });
});
