import { describe, expect, it } from "vitest";
import { normalizeIsbn } from "../../api/catalogue/import/isbn.js";

describe("ISBNs as catalogues write them become ISBN-13", () => {
  it.each([
    ["979-3062-79-7", "9789793062792"], // Laskar Pelangi, ISBN-10
    ["9793062797", "9789793062792"],
    ["979-3062-79-7 (pbk.)", "9789793062792"],
    ["ISBN 979-3062-79-7", "9789793062792"],
    ["ISBN-13: 978-979-3062-79-2", "9789793062792"],
    ["978 979 3062 79 2", "9789793062792"],
    ["0-8044-2957-X", "9780804429573"], // ISBN-10 with X check digit
    ["080442957x", "9780804429573"],
    ["979-97312-3-2 : Rp 85.000", "9789799731234"],
  ])("%s -> %s", (raw, isbn13) => {
    expect(normalizeIsbn(raw)).toEqual({ ok: true, isbn13 });
  });

  it.each([
    ["979-3062-79-8", /wrong ISBN-10 check digit/],
    ["978-979-3062-79-3", /wrong ISBN-13 check digit/],
    ["0852-1234", /ISSN/],
    ["123-4-56789-012-8", /ISBN-13 starts with 978 or 979/],
    ["12345", /not an ISBN/],
    ["tidak ada", /not an ISBN/],
    ["979-3062-79", /9 digits/],
  ])("%s is refused (%s)", (raw, problem) => {
    const r = normalizeIsbn(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(problem);
  });
});
