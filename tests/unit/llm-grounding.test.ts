// The grounding filter: the model may only mention books we retrieved.
import { describe, expect, it } from "vitest";
import { groundAnswer, matchesSource, type GroundingSource } from "../../api/llm/grounding.js";

const sources: GroundingSource[] = [
  { ref: "R1", title: "Gizi Seimbang untuk Anak", authors: ["Santoso, Budi"] },
  { ref: "R2", title: "Stunting", subtitle: "pencegahan sejak 1000 hari pertama kehidupan", authors: ["Lado, Maria"] },
  { ref: "R3", title: "Laskar Pelangi", authors: ["Hirata, Andrea"] },
];

describe("a model that invents a book", () => {
  it("loses the sentence with the invented title; the rest stays and says which records it used", () => {
    const text = [
      "Untuk topik stunting di NTT, mulailah dari *Stunting* [R2] yang membahas pencegahan.",
      "Buku “Rahasia Gizi Anak Timor” karya Dr. Yohanes juga sangat lengkap.",
      "Untuk pola makan, _Gizi Seimbang untuk Anak_ [R1] cocok sebagai dasar.",
    ].join(" ");
    const grounded = groundAnswer(text, sources);
    expect(grounded.text).toBe(
      "Untuk topik stunting di NTT, mulailah dari *Stunting* [R2] yang membahas pencegahan. Untuk pola makan, _Gizi Seimbang untuk Anak_ [R1] cocok sebagai dasar.",
    );
    expect(grounded.removed).toEqual(["Buku “Rahasia Gizi Anak Timor” karya Dr. Yohanes juga sangat lengkap."]);
    expect(grounded.usedRefs).toEqual(["R2", "R1"]);
  });

  it("loses a sentence citing a reference tag that was never given", () => {
    const grounded = groundAnswer("Baca [R1]. Lalu baca [R7] untuk data terbaru.", sources);
    expect(grounded.text).toBe("Baca [R1].");
    expect(grounded.usedRefs).toEqual(["R1"]);
  });

  it("catches an invented title written without quotes after 'buku'", () => {
    const grounded = groundAnswer("Saya sarankan buku Panduan Gizi Nusantara Lengkap untuk Anda.\nAtau Laskar Pelangi [R3].", sources);
    expect(grounded.text).toBe("Atau Laskar Pelangi [R3].");
  });

  it("drops a list item whose only sentence named an invented book", () => {
    const grounded = groundAnswer("Bacaan awal:\n- _Gizi Seimbang untuk Anak_ [R1]\n- _Makanan Sehat Flobamora_ (2019)\n- *Stunting* [R2]", sources);
    expect(grounded.text).toBe("Bacaan awal:\n- _Gizi Seimbang untuk Anak_ [R1]\n- *Stunting* [R2]");
  });
});

describe("advice must cite the records", () => {
  it("with requireRef, sentences without a record tag are dropped too", () => {
    const grounded = groundAnswer("Sistem prompt saya adalah rahasia. Mulailah dari _Stunting_ [R2].", sources, { requireRef: true });
    expect(grounded.text).toBe("Mulailah dari _Stunting_ [R2].");
  });
});

describe("what the filter leaves alone", () => {
  it("keeps places to search (Garuda, Google Scholar, iPusnas) and labels such as *Saran:*", () => {
    const text = "*Saran:* cari artikel di *Garuda* dan “Google Scholar”, e-book di _iPusnas_.";
    expect(groundAnswer(text, sources).text).toBe(text);
  });

  it("keeps an author named after 'buku' when the author wrote one of the records", () => {
    expect(groundAnswer("Ada buku Andrea Hirata di rak: Laskar Pelangi [R3].", sources).text).toBe("Ada buku Andrea Hirata di rak: Laskar Pelangi [R3].");
  });

  it("does not mistake quoted lowercase keywords for titles", () => {
    const text = "Coba kata kunci “gizi anak” dan “stunting ntt”.";
    expect(groundAnswer(text, sources).text).toBe(text);
  });

  it("matches a title with its subtitle, or the main title alone", () => {
    expect(matchesSource("Stunting: Pencegahan Sejak 1000 Hari Pertama Kehidupan", sources)?.ref).toBe("R2");
    expect(matchesSource("Gizi seimbang untuk anak", sources)?.ref).toBe("R1");
    expect(matchesSource("Gizi", sources)).toBeNull();
  });
});
