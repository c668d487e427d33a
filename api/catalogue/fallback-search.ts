// The search of last resort: PostgreSQL full-text search over the same folded words the index
// uses, for when Meilisearch is down, slow or not installed. No typo tolerance and no vocabulary
// expansion beyond what the query rewriter already did, but the right book for a correctly typed
// title, author or subject, with the same filters and facets. Needs no extension (no unaccent,
// no pg_trgm): the spelling fold is done with translate/replace.
import { Prisma, type Db } from "../db/prisma.js";
import { rowToHit } from "../../search/catalogue-document.js";
import type { QueryTerms } from "../../search/catalogue-query.js";
import { recordRowsById } from "../../search/record-rows.js";
import type { SearchParams, SearchResult } from "./types.js";

const ACCENTED = "áàâäãåāéèêëēíìîïīóòôöõōúùûüūñçýÿ";
const PLAIN = "aaaaaaaeeeeeiiiiiooooooouuuuuncyy";

/** SQL that folds a text the way search/spelling.ts does (lower, accents, apostrophes, old spellings). */
function fold(expr: Prisma.Sql): Prisma.Sql {
  let s = Prisma.sql`translate(lower(${expr}), ${ACCENTED + "'’‘`"}, ${PLAIN})`;
  for (const [from, to] of [["oe", "u"], ["dj", "j"], ["tj", "c"], ["nj", "ny"], ["sj", "sy"], ["ch", "kh"], ["j", "y"]]) {
    s = Prisma.sql`replace(${s}, ${from}, ${to})`;
  }
  return s;
}

// Weights mirror the index's attribute order: title A, authors B, subjects C, the rest D.
const DOCUMENT = Prisma.sql`
     setweight(to_tsvector('simple', ${fold(Prisma.sql`r.title || ' ' || coalesce(r.subtitle, '')`)}), 'A')
  || setweight(to_tsvector('simple', ${fold(Prisma.sql`array_to_string(r.authors, ' ')`)}), 'B')
  || setweight(to_tsvector('simple', ${fold(Prisma.sql`array_to_string(r.subjects, ' ')`)}), 'C')
  || setweight(to_tsvector('simple', ${fold(Prisma.sql`coalesce(r.series, '') || ' ' || coalesce(r.publisher, '') || ' ' || coalesce(r.summary, '')`)}), 'D')`;

const ALL_TEXT = fold(
  Prisma.sql`r.title || ' ' || coalesce(r.subtitle, '') || ' ' || array_to_string(r.authors, ' ') || ' ' || array_to_string(r.subjects, ' ')
             || ' ' || coalesce(r.series, '') || ' ' || coalesce(r.publisher, '') || ' ' || coalesce(r.summary, '')`,
);

function filters(params: SearchParams, terms: QueryTerms): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (terms.isbn) where.push(Prisma.sql`r.isbns @> ARRAY[${terms.isbn}]::text[]`);
  if (params.branch) {
    const status = params.available ? Prisma.sql`AND i.status = 'available'` : Prisma.sql`AND i.status <> 'lost'`;
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Item" i JOIN "Branch" b ON b.id = i."branchId"
                                  WHERE i."recordId" = r.id AND b.code = ${params.branch} ${status})`);
  } else if (params.available) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Item" i WHERE i."recordId" = r.id AND i.status = 'available')`);
  }
  if (params.language) where.push(Prisma.sql`r.language = ${params.language}`);
  if (params.format) where.push(Prisma.sql`r.format = ${params.format}`);
  if (params.yearFrom !== undefined) where.push(Prisma.sql`r.year >= ${params.yearFrom}`);
  if (params.yearTo !== undefined) where.push(Prisma.sql`r.year <= ${params.yearTo}`);
  return Prisma.join(where, " AND ");
}

type Summary = {
  total: bigint | number;
  ids: number[] | null;
  languages: Record<string, number> | null;
  formats: Record<string, number> | null;
  branches: Record<string, number> | null;
  available: bigint | number;
};

/** Answers a search from PostgreSQL alone; same shape as the Meilisearch path, `degraded: true`. */
export async function fallbackSearch(db: Db, params: SearchParams, terms: QueryTerms): Promise<SearchResult> {
  // Folded words are letters and digits only, so they are safe inside a tsquery; OR plus ranking
  // keeps a query with one misspelt word useful ("laskar pelangu" still finds "laskar").
  const tsquery = terms.words.map((w) => `${w}:*`).join(" | ");
  const phrase = terms.words.join(" ");
  const textMatch = tsquery
    ? Prisma.sql`(d.tsv @@ to_tsquery('simple', ${tsquery}) OR d.ftitle LIKE ${"%" + phrase + "%"})`
    : Prisma.sql`TRUE`;
  const rank = tsquery ? Prisma.sql`ts_rank(d.tsv, to_tsquery('simple', ${tsquery}))` : Prisma.sql`0`;
  const offset = (params.page - 1) * params.limit;

  // Folding and parsing every record is what costs; a cheap substring test on one folded
  // concatenation first keeps that work to rows that contain a query word at all (a superset
  // of what the tsquery or the title phrase can match).
  const prefilter = tsquery
    ? Prisma.sql`${ALL_TEXT} LIKE ANY (${terms.words.map((w) => `%${w}%`)}::text[])`
    : Prisma.sql`TRUE`;

  const [summary] = await db.$queryRaw<Summary[]>`
    WITH candidates AS MATERIALIZED (
      SELECT r.id, r.language, r.format, r.title, r.subtitle, r.authors, r.subjects, r.series, r.publisher, r.summary
        FROM "BibRecord" r
       WHERE ${filters(params, terms)} AND ${prefilter}
    ),
    docs AS (
      SELECT r.id, r.language, r.format,
             ${tsquery ? DOCUMENT : Prisma.sql`NULL::tsvector`} AS tsv,
             ${tsquery ? fold(Prisma.sql`r.title`) : Prisma.sql`NULL::text`} AS ftitle
        FROM candidates r
    ),
    matched AS MATERIALIZED (
      SELECT d.id, d.language, d.format, ${rank} AS rank,
             (SELECT count(*) FROM "Item" i WHERE i."recordId" = d.id AND i.status = 'available') AS avail
        FROM docs d WHERE ${textMatch}
    )
    SELECT
      (SELECT count(*) FROM matched) AS total,
      (SELECT array_agg(id) FROM (SELECT id FROM matched ORDER BY rank DESC, avail DESC, id LIMIT ${params.limit} OFFSET ${offset}) p) AS ids,
      (SELECT json_object_agg(language, n) FROM (SELECT language, count(*) AS n FROM matched WHERE language IS NOT NULL GROUP BY language) x) AS languages,
      (SELECT json_object_agg(format, n) FROM (SELECT format, count(*) AS n FROM matched GROUP BY format) x) AS formats,
      (SELECT json_object_agg(code, n) FROM (
         SELECT b.code, count(DISTINCT i."recordId") AS n
           FROM matched m JOIN "Item" i ON i."recordId" = m.id JOIN "Branch" b ON b.id = i."branchId"
          WHERE i.status <> 'lost' GROUP BY b.code) x) AS branches,
      (SELECT count(*) FROM matched WHERE avail > 0) AS available`;

  const ids = summary?.ids ?? [];
  const rows = await recordRowsById(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const total = Number(summary?.total ?? 0);
  const availableCount = Number(summary?.available ?? 0);
  const available: Record<string, number> = {};
  if (availableCount > 0) available.true = availableCount;
  if (total - availableCount > 0) available.false = total - availableCount;
  return {
    hits: ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [rowToHit(row)] : [];
    }),
    total,
    page: params.page,
    facets: { branch: summary?.branches ?? {}, language: summary?.languages ?? {}, format: summary?.formats ?? {}, available },
    degraded: true,
  };
}
