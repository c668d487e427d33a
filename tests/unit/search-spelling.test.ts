import { describe, expect, it } from "vitest";
import { isbnQuery, toIsbn13 } from "../../search/isbn.js";
import { foldSpelling, foldedText, words } from "../../search/spelling.js";

describe("folding old and new Indonesian spelling into one", () => {
  it.each([
    ["Soekarno", "Sukarno"],
    ["Pramoedya", "Pramudya"],
    ["Djakarta", "Jakarta"],
    ["Tjerita", "Cerita"],
    ["Jogjakarta", "Yogyakarta"],
    ["Njanji Sunji", "Nyanyi Sunyi"],
    ["Sjahrir", "Syahrir"],
    ["Achir", "Akhir"],
    ["Pandjang", "Panjang"],
  ])("%s and %s fold to the same words", (old, modern) => {
    expect(foldedText(old)).toBe(foldedText(modern));
  });

  it("strips accents and glottal-stop apostrophes", () => {
    expect(foldSpelling("Ka'bah Café")).toBe(foldSpelling("Kabah Cafe"));
  });

  it("splits on punctuation and reads '2' as reduplication", () => {
    expect(words("Burung2 Manyar (Y.B.)")).toEqual(["burung", "burung", "manyar", "y", "b"]);
    expect(words("Burung-burung")).toEqual(["burung", "burung"]);
  });
});

describe("reading an ISBN query", () => {
  it("turns ISBN-10 and hyphenated ISBN-13 into the same ISBN-13", () => {
    expect(isbnQuery("978-979-3062-79-2")).toBe("9789793062792");
    expect(isbnQuery("979-3062-79-7")).toBe("9789793062792");
    expect(isbnQuery("ISBN: 979 3062 79 7")).toBe("9789793062792");
    expect(toIsbn13("0-306-40615-2")).toBe("9780306406157");
  });

  it("leaves words, years and an ISBN-10 with a wrong check digit alone", () => {
    expect(isbnQuery("laskar pelangi")).toBeNull();
    expect(isbnQuery("1998")).toBeNull();
    expect(isbnQuery("979-3062-79-8")).toBeNull();
  });
});
