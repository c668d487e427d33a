import { describe, expect, it } from "vitest";
import type { SearchParams } from "../../api/catalogue/types.js";
import { buildMeiliQuery, facetsOf, filterExpressions } from "../../search/catalogue-query.js";
import { catalogueSettings, settingsDiff } from "../../search/index-settings.js";
import { compileLexicon } from "../../search/lexicon.js";
import { vocabulary } from "../../search/vocabulary.js";

const lexicon = compileLexicon(vocabulary({ stopWords: ["ada", "buku", "di"] }));
const base: SearchParams = { page: 1, limit: 10 };

describe("the Meilisearch request for a search", () => {
  it("folds the spelling and drops filler words", () => {
    const q = buildMeiliQuery({ ...base, q: "ada buku Soekarno di Djakarta?" }, lexicon);
    expect(q.q).toBe("sukarno yakarta");
    expect(q.options.matchingStrategy).toBe("frequency");
    expect(q.retry?.matchingStrategy).toBe("last");
  });

  it("turns an ISBN into an exact filter with no words", () => {
    const q = buildMeiliQuery({ ...base, q: "979-3062-79-7" }, lexicon);
    expect(q.q).toBe("");
    expect(q.options.filter).toEqual(['isbns = "9789793062792"']);
    expect(q.retry).toBeNull();
  });

  it("filters availability within the chosen branch, or anywhere without one", () => {
    expect(filterExpressions({ ...base, branch: "KOTA", available: true }, null)).toEqual(['availableBranches = "KOTA"']);
    expect(filterExpressions({ ...base, branch: "KOTA" }, null)).toEqual(['branches = "KOTA"']);
    expect(filterExpressions({ ...base, available: true, language: "ind", format: "book", yearFrom: 1990, yearTo: 2000 }, null)).toEqual([
      "available = true",
      'language = "ind"',
      'format = "book"',
      "year >= 1990",
      "year <= 2000",
    ]);
  });

  it("asks Meilisearch for facet counts only when the caller shows them (the HTTP API), not for a chat search", () => {
    expect(buildMeiliQuery({ ...base, q: "laskar", channel: "telegram" }, lexicon).options.facets).toBeUndefined();
    const api = buildMeiliQuery({ ...base, q: "laskar pelangi", channel: "api", facets: true }, lexicon);
    expect(api.options.facets).toEqual(["branches", "language", "format", "available"]);
    expect(api.retry?.facets).toEqual(api.options.facets);
  });

  it("names facets the way the API does", () => {
    expect(facetsOf({ branches: { KOTA: 2 }, language: { ind: 2 } })).toEqual({ branch: { KOTA: 2 }, language: { ind: 2 }, format: {}, available: {} });
  });
});

describe("index settings", () => {
  it("need no update when the server already has them, in its own order", () => {
    const wanted = catalogueSettings(compileLexicon(vocabulary({ stopWords: ["yang", "dan"], synonymGroups: [["goat", "kambing", "embek"]] })));
    const server = {
      ...wanted,
      stopWords: [...wanted.stopWords!].reverse(),
      filterableAttributes: [...(wanted.filterableAttributes as string[])].reverse(),
      typoTolerance: { ...wanted.typoTolerance, disableOnWords: [] },
      faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "alpha" as const } },
    };
    expect(settingsDiff(server, wanted)).toEqual([]);
    expect(settingsDiff({ ...server, searchableAttributes: ["authors", "title"] }, wanted)).toEqual(["searchableAttributes"]);
  });

  it("leave synonyms to the documents: Meilisearch gets none at query time", () => {
    const wanted = catalogueSettings(compileLexicon(vocabulary({ synonymGroups: [["goat", "kambing", "embek"]] })));
    expect(wanted.synonyms).toEqual({});
    expect(wanted.searchableAttributes!.indexOf("search.titleSyn")).toBe(wanted.searchableAttributes!.indexOf("search.title") + 1);
  });
});
