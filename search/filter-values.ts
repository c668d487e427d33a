// Which filter values exist, so an unknown branch or language is a 400 naming the field instead
// of a silent empty result. Kept in memory and refreshed now and then, plus once on a miss,
// so a branch added a moment ago is accepted without a database query on every search.
import type { Db } from "../api/db/prisma.js";
import { RECORD_FORMATS } from "../api/catalogue/import/record-format.js";
import { normalizeLanguage } from "../api/catalogue/import/language.js";

// Languages accepted even before any record in them is imported (MARC codes the importer writes).
const COMMON_LANGUAGES = ["ind", "eng", "jav", "sun", "may", "ara", "dut", "chi", "jpn", "kor", "fre", "ger", "spa", "por", "tet", "ban", "min", "bug", "mad"];

export type FilterValues = {
  /** The branch code as stored ("oebobo" -> "OEBOBO"), or null when no such branch. */
  branch(input: string): Promise<string | null>;
  /** The MARC language code ("id", "Indonesia" -> "ind"), or null when unknown. */
  language(input: string): Promise<string | null>;
  /** The format as stored, or null when it is not one of the record formats. */
  format(input: string): string | null;
};

/** Filter values read from PostgreSQL, cached for `ttlMs` (default 60 s). */
export function createFilterValues(deps: { db: Db; ttlMs?: number; now?: () => number }): FilterValues {
  const ttl = deps.ttlMs ?? 60_000;
  const now = deps.now ?? Date.now;
  // A miss re-reads at most once a second, so a burst of bad input cannot hammer the database.
  const missRefreshMs = 1000;

  type Cache = { at: number; values: Map<string, string> };
  const cached = (load: () => Promise<Map<string, string>>) => {
    let cache: Cache | null = null;
    let loading: Promise<Cache> | null = null;
    const refresh = () =>
      (loading ??= load()
        .then((values) => (cache = { at: now(), values }))
        .finally(() => {
          loading = null;
        }));
    return async (key: string): Promise<string | null> => {
      let c = cache && now() - cache.at < ttl ? cache : await refresh();
      let hit = c.values.get(key);
      if (hit === undefined && now() - c.at >= missRefreshMs) {
        c = await refresh();
        hit = c.values.get(key);
      }
      return hit ?? null;
    };
  };

  const branches = cached(async () => {
    const rows = await deps.db.branch.findMany({ select: { code: true } });
    return new Map(rows.map((r) => [r.code.toLowerCase(), r.code]));
  });
  const languages = cached(async () => {
    const rows = await deps.db.$queryRaw<{ language: string }[]>`SELECT DISTINCT language FROM "BibRecord" WHERE language IS NOT NULL`;
    return new Map([...COMMON_LANGUAGES, ...rows.map((r) => r.language)].map((l) => [l, l]));
  });
  const formats = new Set<string>(RECORD_FORMATS);

  return {
    branch: (input) => branches(input.trim().toLowerCase()),
    async language(input) {
      const code = normalizeLanguage(input);
      return code ? languages(code) : null;
    },
    format(input) {
      const f = input.trim().toLowerCase();
      return formats.has(f) ? f : null;
    },
  };
}
