// Reference strings for six catalogue records in every style and both chat languages. Each expected
// string was checked by hand against the style's rules (noted per style); they come from the real
// CSL styles and the CSL id-ID locale, not from rules of ours.
import { beforeAll, describe, expect, it } from "vitest";
import { citeprocPlusSource } from "../../api/research/csl-data.js";
import { createCitationFormatter, type CitationFormatter } from "../../api/research/citation-formatter.js";
import { CITATION_STYLE_KEYS, type CitationStyle } from "../../api/research/citation-styles.js";
import { createNameRules } from "../../api/research/indonesian-names.js";
import { recordToCsl } from "../../api/research/record-to-csl.js";
import { loadVocabulary } from "../../search/vocabulary.js";
import { CITATION_RECORDS, MANY_AUTHORS, SINGLE_NAME, TRANSLATED } from "../fixtures/citation-records.js";

type Expected = { bibliography: string[]; inTextManyAuthorsPage12: string; inTextSingleName: string };

// Order of CITATION_RECORDS: single name (Sukarno), translated (Gaarder/Hermoyo), 2nd edition
// (Sulistyo-Basuki), no date (Tefa), seven authors (Santoso …), pen name (Tere Liye).
const EXPECTED: Record<CitationStyle, Record<"id" | "en", Expected>> = {
  // APA 7 (10.1, 9.8-9.9): Author, A. A. (Year). Title (Xth ed.; T. Translator, Trans.). Publisher.
  // One-name authors stand alone; up to 20 authors are listed with "&"; no date is "(n.d.)";
  // in text, three or more authors are "First et al.", pages "p.".
  apa: {
    en: {
      bibliography: [
        "Sukarno. (2015). Di Bawah Bendera Revolusi. Yayasan Bung Karno.",
        "Gaarder, J. (2010). Dunia Sophie: sebuah novel filsafat (R. A. Hermoyo, Trans.). Mizan.",
        "Sulistyo-Basuki. (1993). Pengantar Ilmu Perpustakaan (2nd ed.). Gramedia Pustaka Utama.",
        "Tefa, Y. (n.d.). Cerita Rakyat dari Nusa Tenggara Timur. Pustaka Flobamora.",
        "Santoso, B., Wijaya, A., Lado, M., Tefa, Y., Nope, K., Bessie, P., & Manu, A. (2020). Gizi dan Kesehatan Anak. Gramedia.",
        "Tere Liye. (2016). Hujan. Gramedia Pustaka Utama.",
      ],
      inTextManyAuthorsPage12: "(Santoso et al., 2020, p. 12)",
      inTextSingleName: "(Sukarno, 2015)",
    },
    id: {
      bibliography: [
        "Sukarno. (2015). Di Bawah Bendera Revolusi. Yayasan Bung Karno.",
        "Gaarder, J. (2010). Dunia Sophie: sebuah novel filsafat (R. A. Hermoyo, Penerj.). Mizan.",
        "Sulistyo-Basuki. (1993). Pengantar Ilmu Perpustakaan (2 ed.). Gramedia Pustaka Utama.",
        "Tefa, Y. (t.t.). Cerita Rakyat dari Nusa Tenggara Timur. Pustaka Flobamora.",
        "Santoso, B., Wijaya, A., Lado, M., Tefa, Y., Nope, K., Bessie, P., & Manu, A. (2020). Gizi dan Kesehatan Anak. Gramedia.",
        "Tere Liye. (2016). Hujan. Gramedia Pustaka Utama.",
      ],
      inTextManyAuthorsPage12: "(Santoso dkk., 2020, hlm. 12)",
      inTextSingleName: "(Sukarno, 2015)",
    },
  },
  // MLA 9 (2.1-2.6): Last, First. Title. Translated by First Last, Xth ed., Publisher, Year.
  // Three or more authors: "First, et al."; no date is simply left out; in text "(Name page)".
  mla: {
    en: {
      bibliography: [
        "Sukarno. Di Bawah Bendera Revolusi. Yayasan Bung Karno, 2015.",
        "Gaarder, Jostein. Dunia Sophie: sebuah novel filsafat. Translated by Rahmani Astuti Hermoyo, Mizan, 2010.",
        "Sulistyo-Basuki. Pengantar Ilmu Perpustakaan. 2nd ed., Gramedia Pustaka Utama, 1993.",
        "Tefa, Yohanes. Cerita Rakyat dari Nusa Tenggara Timur. Pustaka Flobamora.",
        "Santoso, Budi, et al. Gizi dan Kesehatan Anak. Gramedia, 2020.",
        "Tere Liye. Hujan. Gramedia Pustaka Utama, 2016.",
      ],
      inTextManyAuthorsPage12: "(Santoso et al. 12)",
      inTextSingleName: "(Sukarno)",
    },
    id: {
      bibliography: [
        "Sukarno. Di Bawah Bendera Revolusi. Yayasan Bung Karno, 2015.",
        "Gaarder, Jostein. Dunia Sophie: sebuah novel filsafat. Diterjemahkan oleh Rahmani Astuti Hermoyo, Mizan, 2010.",
        "Sulistyo-Basuki. Pengantar Ilmu Perpustakaan. 2 ed., Gramedia Pustaka Utama, 1993.",
        "Tefa, Yohanes. Cerita Rakyat dari Nusa Tenggara Timur. Pustaka Flobamora.",
        "Santoso, Budi, dkk. Gizi dan Kesehatan Anak. Gramedia, 2020.",
        "Tere Liye. Hujan. Gramedia Pustaka Utama, 2016.",
      ],
      inTextManyAuthorsPage12: "(Santoso dkk. 12)",
      inTextSingleName: "(Sukarno)",
    },
  },
  // Chicago author-date (15.9-15.12): Last, First. Year. Title. Translated by First Last. Xth ed.
  // Place: Publisher. Up to ten authors listed, "and" before the last; "n.d."; in text four or more
  // authors are "First et al.", "(Name Year, page)".
  chicago: {
    en: {
      bibliography: [
        "Sukarno. 2015. Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno.",
        "Gaarder, Jostein. 2010. Dunia Sophie: sebuah novel filsafat. Translated by Rahmani Astuti Hermoyo. Bandung: Mizan.",
        "Sulistyo-Basuki. 1993. Pengantar Ilmu Perpustakaan. 2nd ed. Jakarta: Gramedia Pustaka Utama.",
        "Tefa, Yohanes. n.d. Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora.",
        "Santoso, Budi, Ani Wijaya, Maria Lado, Yohanes Tefa, Kristina Nope, Paulus Bessie, and Adi Manu. 2020. Gizi dan Kesehatan Anak. Jakarta: Gramedia.",
        "Tere Liye. 2016. Hujan. Jakarta: Gramedia Pustaka Utama.",
      ],
      inTextManyAuthorsPage12: "(Santoso et al. 2020, 12)",
      inTextSingleName: "(Sukarno 2015)",
    },
    id: {
      bibliography: [
        "Sukarno. 2015. Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno.",
        "Gaarder, Jostein. 2010. Dunia Sophie: sebuah novel filsafat. Diterjemahkan oleh Rahmani Astuti Hermoyo. Bandung: Mizan.",
        "Sulistyo-Basuki. 1993. Pengantar Ilmu Perpustakaan. 2 ed. Jakarta: Gramedia Pustaka Utama.",
        "Tefa, Yohanes. t.t. Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora.",
        "Santoso, Budi, Ani Wijaya, Maria Lado, Yohanes Tefa, Kristina Nope, Paulus Bessie, dan Adi Manu. 2020. Gizi dan Kesehatan Anak. Jakarta: Gramedia.",
        "Tere Liye. 2016. Hujan. Jakarta: Gramedia Pustaka Utama.",
      ],
      inTextManyAuthorsPage12: "(Santoso dkk. 2020, 12)",
      inTextSingleName: "(Sukarno 2015)",
    },
  },
  // IEEE reference guide (books): [n] F. Last, Title, Xth ed. City: Publisher, Year. More than six
  // authors: first author "et al." (italic); the style leaves translators and missing years out.
  ieee: {
    en: {
      bibliography: [
        "[1] Sukarno, Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno, 2015.",
        "[1] J. Gaarder, Dunia Sophie: sebuah novel filsafat. Bandung: Mizan, 2010.",
        "[1] Sulistyo-Basuki, Pengantar Ilmu Perpustakaan, 2nd ed. Jakarta: Gramedia Pustaka Utama, 1993.",
        "[1] Y. Tefa, Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora.",
        "[1] B. Santoso et al., Gizi dan Kesehatan Anak. Jakarta: Gramedia, 2020.",
        "[1] Tere Liye, Hujan. Jakarta: Gramedia Pustaka Utama, 2016.",
      ],
      inTextManyAuthorsPage12: "[1, p. 12]",
      inTextSingleName: "[1]",
    },
    id: {
      bibliography: [
        "[1] Sukarno, Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno, 2015.",
        "[1] J. Gaarder, Dunia Sophie: sebuah novel filsafat. Bandung: Mizan, 2010.",
        "[1] Sulistyo-Basuki, Pengantar Ilmu Perpustakaan, 2 ed. Jakarta: Gramedia Pustaka Utama, 1993.",
        "[1] Y. Tefa, Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora.",
        "[1] B. Santoso dkk., Gizi dan Kesehatan Anak. Jakarta: Gramedia, 2020.",
        "[1] Tere Liye, Hujan. Jakarta: Gramedia Pustaka Utama, 2016.",
      ],
      inTextManyAuthorsPage12: "[1, hlm. 12]",
      inTextSingleName: "[1]",
    },
  },
  // Harvard, Cite Them Right (12th ed.): Last, I. (Year) Title. Xth edn. Translated by I. Last.
  // Place: Publisher. Four or more authors: "First et al."; "(no date)"; in text "(Name, Year, p.)".
  harvard: {
    en: {
      bibliography: [
        "Sukarno (2015) Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno.",
        "Gaarder, J. (2010) Dunia Sophie: sebuah novel filsafat. Translated by R.A. Hermoyo. Bandung: Mizan.",
        "Sulistyo-Basuki (1993) Pengantar Ilmu Perpustakaan. 2nd edn. Jakarta: Gramedia Pustaka Utama.",
        "Tefa, Y. (no date) Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora.",
        "Santoso, B. et al. (2020) Gizi dan Kesehatan Anak. Jakarta: Gramedia.",
        "Tere Liye (2016) Hujan. Jakarta: Gramedia Pustaka Utama.",
      ],
      inTextManyAuthorsPage12: "(Santoso et al., 2020, p. 12)",
      inTextSingleName: "(Sukarno, 2015)",
    },
    id: {
      bibliography: [
        "Sukarno (2015) Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno.",
        "Gaarder, J. (2010) Dunia Sophie: sebuah novel filsafat. Diterjemahkan oleh R.A. Hermoyo. Bandung: Mizan.",
        "Sulistyo-Basuki (1993) Pengantar Ilmu Perpustakaan. 2 ed. Jakarta: Gramedia Pustaka Utama.",
        "Tefa, Y. (tanpa tanggal) Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora.",
        "Santoso, B. dkk. (2020) Gizi dan Kesehatan Anak. Jakarta: Gramedia.",
        "Tere Liye (2016) Hujan. Jakarta: Gramedia Pustaka Utama.",
      ],
      inTextManyAuthorsPage12: "(Santoso dkk., 2020, hlm. 12)",
      inTextSingleName: "(Sukarno, 2015)",
    },
  },
  // Vancouver (NLM, Citing Medicine ch. 2): n. Last FM. Title. Xth ed. Place: Publisher; Year.
  // Up to six authors, then "et al."; translators are optional and the style leaves them out.
  // Citing Medicine wants "[date unknown]" for a missing year; the CSL style prints nothing there
  // and keeps the ";" before it. That is the style's own behaviour, kept as it is: we do not edit
  // styles by hand.
  vancouver: {
    en: {
      bibliography: [
        "1. Sukarno. Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno; 2015.",
        "1. Gaarder J. Dunia Sophie: sebuah novel filsafat. Bandung: Mizan; 2010.",
        "1. Sulistyo-Basuki. Pengantar Ilmu Perpustakaan. 2nd ed. Jakarta: Gramedia Pustaka Utama; 1993.",
        "1. Tefa Y. Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora;",
        "1. Santoso B, Wijaya A, Lado M, Tefa Y, Nope K, Bessie P, et al. Gizi dan Kesehatan Anak. Jakarta: Gramedia; 2020.",
        "1. Tere Liye. Hujan. Jakarta: Gramedia Pustaka Utama; 2016.",
      ],
      inTextManyAuthorsPage12: "(1)",
      inTextSingleName: "(1)",
    },
    id: {
      bibliography: [
        "1. Sukarno. Di Bawah Bendera Revolusi. Jakarta: Yayasan Bung Karno; 2015.",
        "1. Gaarder J. Dunia Sophie: sebuah novel filsafat. Bandung: Mizan; 2010.",
        "1. Sulistyo-Basuki. Pengantar Ilmu Perpustakaan. 2 ed. Jakarta: Gramedia Pustaka Utama; 1993.",
        "1. Tefa Y. Cerita Rakyat dari Nusa Tenggara Timur. Kupang: Pustaka Flobamora;",
        "1. Santoso B, Wijaya A, Lado M, Tefa Y, Nope K, Bessie P, dkk. Gizi dan Kesehatan Anak. Jakarta: Gramedia; 2020.",
        "1. Tere Liye. Hujan. Jakarta: Gramedia Pustaka Utama; 2016.",
      ],
      inTextManyAuthorsPage12: "(1)",
      inTextSingleName: "(1)",
    },
  },
};

let formatter: CitationFormatter;
const rules = createNameRules(loadVocabulary().authors);
const items = CITATION_RECORDS.map((r) => recordToCsl(r, rules));

beforeAll(() => {
  formatter = createCitationFormatter(citeprocPlusSource());
});

describe("a student asks for a reference in each of the six styles", () => {
  for (const style of CITATION_STYLE_KEYS) {
    for (const locale of ["id", "en"] as const) {
      it(`${style} in ${locale === "id" ? "Indonesian" : "English"}: each record's reference matches the hand-checked string`, () => {
        const got = items.map((item) => formatter.bibliography([item], style, locale)[0]!.text);
        expect(got).toEqual(EXPECTED[style][locale].bibliography);
      });
      it(`${style} in ${locale === "id" ? "Indonesian" : "English"}: in-text citations abbreviate many authors and cite a page`, () => {
        expect(formatter.inText(items[4]!, style, locale, "12").text).toBe(EXPECTED[style][locale].inTextManyAuthorsPage12);
        expect(formatter.inText(items[0]!, style, locale).text).toBe(EXPECTED[style][locale].inTextSingleName);
      });
    }
  }
});

describe("Indonesian users get the terms of the CSL id-ID locale, not a silent English fallback", () => {
  it("uses dkk., t.t., hlm., Penerj. and Diterjemahkan oleh where English has et al., n.d., p., Trans. and Translated by", () => {
    const apa = formatter.bibliography([recordToCsl(TRANSLATED, rules)], "apa", "id")[0]!.text;
    expect(apa).toContain("Penerj.");
    const all = CITATION_STYLE_KEYS.flatMap((s) => items.map((i) => formatter.bibliography([i], s, "id")[0]!.text)).join("\n");
    for (const term of ["dkk.", "t.t.", "Diterjemahkan oleh"]) expect(all).toContain(term);
    for (const english of ["et al.", "n.d.", "Translated by", "Trans.", "no date"]) expect(all).not.toContain(english);
    expect(formatter.inText(recordToCsl(MANY_AUTHORS, rules), "apa", "id", "5").text).toContain("hlm. 5");
  });

  it("asks citation-js for id-ID, which is registered from the CSL locales repository", () => {
    expect(formatter.cslLocale("apa", "id")).toBe("id-ID");
    expect(formatter.cslLocale("harvard", "en")).toBe("en-GB");
  });
});

describe("references keep their italics for the chat", () => {
  it("marks the book title as italic markup and leaves the rest plain", () => {
    const entry = formatter.bibliography([recordToCsl(SINGLE_NAME, rules)], "apa", "en")[0]!;
    expect(entry.markup).toBe("Sukarno. (2015). _Di Bawah Bendera Revolusi_. Yayasan Bung Karno.");
  });

  it("keeps IEEE's square brackets and neutralises markup characters in titles", () => {
    const item = { ...recordToCsl(SINGLE_NAME, rules), title: "Cara *cepat* menulis_skripsi" };
    const entry = formatter.bibliography([item], "ieee", "en")[0]!;
    expect(entry.markup.startsWith("[1] Sukarno, _Cara ∗cepat∗ menulisˍskripsi_.")).toBe(true);
  });

  it("orders a reference list as the style wants: alphabetically for APA, by number for IEEE", () => {
    const apa = formatter.bibliography(items, "apa", "id").map((e) => e.text.slice(0, 8));
    expect(apa).toEqual(["Gaarder,", "Santoso,", "Sukarno.", "Sulistyo", "Tefa, Y.", "Tere Liy"]);
    const ieee = formatter.bibliography(items, "ieee", "id").map((e) => e.text.slice(0, 3));
    expect(ieee).toEqual(["[1]", "[2]", "[3]", "[4]", "[5]", "[6]"]);
  });
});
