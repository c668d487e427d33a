// The name rule of api/research/indonesian-names.ts (and README-names.md), case by case.
import { describe, expect, it } from "vitest";
import { createNameRules, isCorporateName, parseCatalogueName, parseName, splitRole, splitTypedAuthors } from "../../api/research/indonesian-names.js";
import { loadVocabulary } from "../../search/vocabulary.js";

const rules = createNameRules(loadVocabulary().authors);
const name = (raw: string) => parseName(raw, rules);

describe("an Indonesian single name is never split into family and given names", () => {
  it.each(["Sukarno", "Hamka", "Soeharto", "Sulistyo-Basuki", "Boediono"])("%s stays one literal name", (n) => {
    expect(name(n)).toEqual({ literal: n });
  });

  it("a single name keeps no title: 'Ir. Soekarno' and 'Buya Hamka' are Soekarno and Hamka", () => {
    expect(name("Ir. Soekarno")).toEqual({ literal: "Soekarno" });
    expect(name("Buya Hamka")).toEqual({ literal: "Hamka" });
    expect(name("Prof. Dr. Hamka")).toEqual({ literal: "Hamka" });
  });

  it("pen names and names the library lists without a family part stay whole: Tere Liye, Gus Dur", () => {
    expect(name("Tere Liye")).toEqual({ literal: "Tere Liye" });
    expect(name("Gus Dur")).toEqual({ literal: "Gus Dur" });
  });

  it("a name with a patronymic bin/binti is entered as written", () => {
    expect(name("Abdullah bin Nuh")).toEqual({ literal: "Abdullah bin Nuh" });
  });
});

describe("multi-part names follow the catalogue rule", () => {
  it("the catalogue form 'Family, Given' splits at the comma", () => {
    expect(name("Toer, Pramoedya Ananta")).toEqual({ family: "Toer", given: "Pramoedya Ananta" });
    expect(name("El Shirazy, Habiburrahman")).toEqual({ family: "El Shirazy", given: "Habiburrahman" });
    expect(name("Kartini, R. A.")).toEqual({ family: "Kartini", given: "R. A." });
  });

  it("MARC dates after the heading are dropped", () => {
    expect(name("Toer, Pramoedya Ananta, 1925-2006")).toEqual({ family: "Toer", given: "Pramoedya Ananta" });
  });

  it("typed in direct order the last word is the family name: Pramoedya Ananta Toer", () => {
    expect(name("Pramoedya Ananta Toer")).toEqual({ family: "Toer", given: "Pramoedya Ananta" });
    expect(name("I Gusti Ngurah Rai")).toEqual({ family: "Rai", given: "I Gusti Ngurah" });
  });

  it("a known multi-word family name stays together: Habiburrahman El Shirazy", () => {
    expect(name("Habiburrahman El Shirazy")).toEqual({ family: "El Shirazy", given: "Habiburrahman" });
  });

  it("titles in front and degrees after a comma are removed; nobility titles stay in the given name", () => {
    expect(name("Prof. Dr. Ir. Budi Santoso, M.Sc.")).toEqual({ family: "Santoso", given: "Budi" });
    expect(name("Dr. Ani Wijaya, S.Pd., M.Pd.")).toEqual({ family: "Wijaya", given: "Ani" });
    expect(name("H. Agus Salim")).toEqual({ family: "Salim", given: "Agus" });
    expect(name("Hj. Siti Aminah")).toEqual({ family: "Aminah", given: "Siti" });
    expect(name("Raden Ajeng Kartini")).toEqual({ family: "Kartini", given: "Raden Ajeng" });
  });

  it("a heading that ends in initials is entered under the word before them: Jogiyanto H. M.", () => {
    expect(name("Jogiyanto H. M.")).toEqual({ family: "Jogiyanto", given: "H. M." });
    expect(name("Soemarso S. R.")).toEqual({ family: "Soemarso", given: "S. R." });
    expect(name("Ramadhan K.H.")).toEqual({ family: "Ramadhan", given: "K.H." });
  });

  it("'H.' before initials is an initial, not the Haji title: H. B. Jassin", () => {
    expect(name("H. B. Jassin")).toEqual({ family: "Jassin", given: "H. B." });
  });

  it("particles and generational suffixes get their CSL parts", () => {
    expect(name("Ludwig van Beethoven")).toEqual({ family: "Beethoven", given: "Ludwig", "non-dropping-particle": "van" });
    expect(name("Martin Luther King Jr.")).toEqual({ family: "King", given: "Martin Luther", suffix: "Jr." });
  });
});

describe("organisations are names too, and are never split", () => {
  it.each(["Badan Pusat Statistik Provinsi Nusa Tenggara Timur", "Tim Penyusun", "Kementerian Kesehatan RI", "UNICEF", "World Health Organization", "Konferensi Waligereja Indonesia", "Departemen Pertanian Republik Indonesia"])("%s is a literal", (n) => {
    expect(isCorporateName(n)).toBe(true);
    expect(name(n)).toEqual({ literal: n });
  });
});

describe("catalogue author entries carry their role", () => {
  it("reads penerjemah, editor and illustrator roles and strips them from the name", () => {
    expect(parseCatalogueName("Kilbane, Angie (penerjemah)", rules)).toEqual({ role: "translator", name: { family: "Kilbane", given: "Angie" } });
    expect(parseCatalogueName("Santoso, Budi (ed.)", rules)).toEqual({ role: "editor", name: { family: "Santoso", given: "Budi" } });
    expect(parseCatalogueName("Wijaya, Ani (penyunting)", rules)?.role).toBe("editor");
    expect(parseCatalogueName("Lado, Maria (ilustrator)", rules)?.role).toBe("illustrator");
    expect(splitRole("Toer, Pramoedya Ananta")).toEqual({ name: "Toer, Pramoedya Ananta", role: "author" });
    expect(splitRole("Nope, Kristina (kata pengantar)").role).toBe("contributor");
    expect(parseCatalogueName("Pusat Bahasa (Indonesia)", rules)).toEqual({ role: "author", name: { literal: "Pusat Bahasa (Indonesia)" } });
  });
});

describe("a typed author field can hold several names", () => {
  it("splits on commas, 'dan', 'and', '&' and ';' but keeps 'Family, Given' as one name", () => {
    expect(splitTypedAuthors("Budi Santoso, Ani Wijaya", rules)).toEqual(["Budi Santoso", "Ani Wijaya"]);
    expect(splitTypedAuthors("Budi Santoso dan Ani Wijaya & Maria Lado", rules)).toEqual(["Budi Santoso", "Ani Wijaya", "Maria Lado"]);
    expect(splitTypedAuthors("Toer, Pramoedya Ananta", rules)).toEqual(["Toer, Pramoedya Ananta"]);
    expect(splitTypedAuthors("El Shirazy, Habiburrahman", rules)).toEqual(["El Shirazy, Habiburrahman"]);
  });

  it("keeps degrees with the name before them and drops a trailing dkk.", () => {
    expect(splitTypedAuthors("Budi Santoso, S.Pd., Ani Wijaya, M.Pd.", rules)).toEqual(["Budi Santoso, S.Pd.", "Ani Wijaya, M.Pd."]);
    expect(splitTypedAuthors("Budi Santoso, Ani Wijaya, dkk.", rules)).toEqual(["Budi Santoso", "Ani Wijaya"]);
  });
});
